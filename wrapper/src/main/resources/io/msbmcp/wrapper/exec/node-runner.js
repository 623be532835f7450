// Runs one execute_code call inside the session's Node REPL. The wrapper sends a single line that compiles this
// function and calls it with (codeB64, failureMark, packagePathsB64, pidFileB64). The code runs as a script in the REPL's global
// context, so globals and top-level let/const persist across calls; a non-undefined completion value is printed; an
// uncaught error prints its stack on stderr and then the failure mark on stdout. While the code runs, the REPL's pid is
// in the pid file and SIGINT interrupts the code (breakOnSigint), so that the wrapper can stop it from a command and the
// REPL with its variables survives; a SIGINT that arrives between runs is ignored instead of ending the REPL.
(function (codeB64, mark, pathsB64, pidFileB64) {
  const vm = require('vm');
  const util = require('util');
  const fs = require('fs');
  const ignoring = Symbol.for('msb-mcp.ignoreSigint');
  if (!process[ignoring]) {
    process.on('SIGINT', () => {});
    process[ignoring] = true;
  }
  const paths = Buffer.from(pathsB64, 'base64').toString('utf8').split('\n').filter(Boolean);
  if (typeof module === 'object' && module !== null && Array.isArray(module.paths)) {
    for (const path of paths) {
      if (!module.paths.includes(path)) {
        module.paths.unshift(path);
      }
    }
  }
  const source = Buffer.from(codeB64, 'base64').toString('utf8');
  let pidFile = Buffer.from(pidFileB64, 'base64').toString('utf8');
  try {
    fs.writeFileSync(pidFile, String(process.pid));
  } catch (error) {
    pidFile = null;
  }
  try {
    const value = vm.runInThisContext(source, { filename: '<code>', breakOnSigint: true });
    if (value !== undefined) {
      console.log(util.inspect(value));
    }
  } catch (error) {
    if (error !== null && typeof error === 'object' && typeof error.stack === 'string') {
      const lines = error.stack.split('\n');
      const end = lines.findIndex((line) => /^\s+at (Script\.runInThisContext|Object\.runInThisContext) /.test(line));
      console.error((end > 0 ? lines.slice(0, end) : lines).join('\n'));
    } else {
      console.error('Uncaught ' + util.inspect(error));
    }
    console.log(mark);
  } finally {
    if (pidFile !== null) {
      try {
        fs.unlinkSync(pidFile);
      } catch (error) {
        // already gone
      }
    }
  }
})
