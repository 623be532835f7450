# Runs one execute_code call inside the session's Python REPL. The wrapper sends a single line that execs this file
# with __msb_args = (code_b64, failure_mark, package_paths_b64, pid_file_b64). While the code runs, the REPL's pid is in
# the pid file, so that the wrapper can interrupt the code with SIGINT from a command (KeyboardInterrupt; the REPL and
# its variables survive). The code runs in the REPL's __main__ namespace, so state
# persists across calls; a trailing expression is echoed like the interactive interpreter would; an uncaught error
# prints its traceback on stderr and then the failure mark on stdout (same stream as the REPL's end marker, so it is
# never lost or reordered).
def __msb_run(code_b64, mark, paths_b64, pid_file_b64):
    import ast
    import base64
    import io
    import linecache
    import os
    import sys
    import traceback

    for path in base64.b64decode(paths_b64).decode("utf-8").splitlines():
        if path and path not in sys.path:
            sys.path.insert(0, path)
            import importlib

            importlib.invalidate_caches()
    namespace = sys.modules["__main__"].__dict__
    source = base64.b64decode(code_b64).decode("utf-8")
    name = "<code>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    ok = True
    # The REPL reads the wrapper's input from stdin: code that reads stdin (input()) would swallow it and hang until the
    # timeout, so it gets an empty stdin (input() raises EOFError at once).
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO("")
    pid_file = base64.b64decode(pid_file_b64).decode("utf-8")
    try:
        with open(pid_file, "w") as handle:
            handle.write(str(os.getpid()))
    except OSError:
        pid_file = None
    try:
        tree = ast.parse(source, name, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, name, "exec"), namespace)
        if last is not None:
            value = eval(compile(last, name, "eval"), namespace)
            if value is not None:
                namespace["_"] = value
                print(repr(value))
    except SystemExit as exit_request:
        if exit_request.code not in (None, 0):
            ok = False
            print("SystemExit: %s" % (exit_request.code,), file=sys.stderr)
    except BaseException as error:
        ok = False
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != name:
            tb = tb.tb_next
        traceback.print_exception(type(error), error, tb)
    finally:
        if pid_file is not None:
            try:
                os.unlink(pid_file)
            except OSError:
                pass
        sys.stdin = saved_stdin
        sys.stdout.flush()
        sys.stderr.flush()
    if not ok:
        print(mark, flush=True)


__msb_run(*__msb_args)
