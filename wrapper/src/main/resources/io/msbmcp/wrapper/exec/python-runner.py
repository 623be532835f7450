# Runs one execute_code call inside the session's Python REPL. The first run in a REPL execs this file with
# __msb_name and __msb_args = (code_b64, run_id, package_paths_b64, pid_file_b64, marker, check, scan): it keeps
# __msb_run as the REPL global __msb_name and runs it; later runs only call that global (see ReplScripts). While the code runs, the
# REPL's pid is in the pid file, so that the wrapper can interrupt the code with SIGINT from a command
# (KeyboardInterrupt; the REPL and its variables survive). The code runs in the REPL's __main__ namespace, so state
# persists across calls; a trailing expression is echoed like the interactive interpreter would; an uncaught error
# prints its traceback on stderr and then the failure mark __msb_failed_<run_id> on stdout (same stream as the REPL's
# end marker, so it is never lost or reordered).
#
# State: with check on, a REPL whose __msb_state differs from the session's marker was replaced behind the wrapper's
# back; the runner prints __msb_lost_<run_id> and runs nothing. Otherwise it sets __msb_state to the marker (planting it
# on a new sandbox's first run) and, the first time, remembers the working directory in __msb_home.
#
# Files: with scan set ("depth max-files max-images max-image-bytes budget deadline interrupted-budget"), after the code
# ran (also when it raised) the runner lists the regular files under __msb_home modified since just before the code
# started (by this sandbox's clock) and prints one line __msb_files_<run_id> <base64 of JSON> on stdout. Any failure of
# the scan prints nothing: the run's result matters more.
def __msb_run(code_b64, run_id, paths_b64, pid_file_b64, marker, check, scan):
    import ast
    import base64
    import io
    import linecache
    import os
    import sys
    import time
    import traceback

    namespace = sys.modules["__main__"].__dict__
    if check and namespace.get("__msb_state") != marker:
        print("__msb_lost_" + run_id, flush=True)
        return
    namespace["__msb_state"] = marker
    if not isinstance(namespace.get("__msb_home"), str):
        try:
            namespace["__msb_home"] = os.getcwd()
        except OSError:
            namespace["__msb_home"] = None
    for path in base64.b64decode(paths_b64).decode("utf-8").splitlines():
        if path and path not in sys.path:
            sys.path.insert(0, path)
            import importlib

            importlib.invalidate_caches()
    source = base64.b64decode(code_b64).decode("utf-8")
    name = "<code>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    ok = True
    interrupted = False
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
    started = time.time()
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
        interrupted = isinstance(error, KeyboardInterrupt)
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
        print("__msb_failed_" + run_id, flush=True)
    if scan:
        try:
            found = __msb_scan(namespace.get("__msb_home"), started, interrupted, scan)
            if found is not None:
                print("__msb_files_" + run_id + " " + found, flush=True)
        except BaseException:
            pass


# The files changed under home since started - 0.02 s (file system timestamps are coarse), as base64 of
# {"home": ..., "files": [[relative path, size, mtime], ...], "images": {relative path: base64}}; at most depth levels
# deep, max-files files, a time budget; installed packages, caches and version control are skipped, symlinked folders
# are not followed. None when there is no home.
def __msb_scan(home, started, interrupted, scan):
    import base64
    import json
    import os
    import stat
    import time

    depth, max_files, max_images, max_image_bytes, budget, deadline, interrupted_budget = [
        float(part) for part in scan.split()
    ]
    if not isinstance(home, str):
        return None
    now = time.time()
    budget = min(budget, started + deadline - now)
    if interrupted:
        budget = min(budget, interrupted_budget)
    give_up = time.monotonic() + budget
    prune = (".msb-mcp", "node_modules", "__pycache__", ".git", ".cache", ".npm")
    pictures = (".png", ".jpg", ".jpeg", ".gif", ".webp")
    threshold = started - 0.02
    files = []
    images = {}
    folders = [("", 1)]
    while folders and len(files) < max_files and time.monotonic() < give_up:
        folder, level = folders.pop()
        try:
            entries = list(os.scandir(os.path.join(home, folder) if folder else home))
        except OSError:
            continue
        for entry in entries:
            if len(files) >= max_files or time.monotonic() >= give_up:
                break
            if entry.name in prune or entry.name.startswith(".msb-clock-"):
                continue
            relative = folder + "/" + entry.name if folder else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                if level < depth:
                    folders.append((relative, level + 1))
            elif stat.S_ISREG(info.st_mode) and info.st_mtime >= threshold:
                files.append([relative, info.st_size, info.st_mtime])
                if (
                    len(images) < max_images
                    and info.st_size <= max_image_bytes
                    and entry.name.lower().endswith(pictures)
                ):
                    try:
                        with open(entry.path, "rb") as handle:
                            images[relative] = base64.b64encode(handle.read(int(max_image_bytes) + 1)).decode("ascii")
                    except OSError:
                        pass
    report = json.dumps({"home": home, "files": files, "images": images}, separators=(",", ":"))
    return base64.b64encode(report.encode("utf-8")).decode("ascii")


__import__("sys").modules["__main__"].__dict__[__msb_name] = __msb_run
__msb_run(*__msb_args)
