// Runs one execute_code call inside the session's Node REPL. The first run in a REPL compiles this function, keeps it
// as a global (see ReplScripts) and calls it with (codeB64, runId, packagePathsB64, pidFileB64, marker, check, scan);
// later runs only call that global. The code runs as a
// script in the REPL's global context, so globals and top-level let/const persist across calls; a non-undefined
// completion value is printed; an uncaught error prints its stack on stderr and then the failure mark
// __msb_failed_<runId> on stdout. While the code runs, the REPL's pid is in the pid file and SIGINT interrupts the code
// (breakOnSigint), so that the wrapper can stop it from a command and the REPL with its variables survives; a SIGINT
// that arrives between runs is ignored instead of ending the REPL.
//
// State: with check on, a REPL whose globalThis.__msb_state differs from the session's marker was replaced behind the
// wrapper's back; the runner prints __msb_lost_<runId> and runs nothing. Otherwise it sets __msb_state to the marker
// (planting it on a new sandbox's first run) and, the first time, remembers the working directory in __msb_home.
//
// Files: with scan set ("depth maxFiles maxImages maxImageBytes budget deadline interruptedBudget"), after the code ran
// (also when it threw) the runner lists the regular files under __msb_home modified since just before the code started
// (by this sandbox's clock) and prints one line __msb_files_<runId> <base64 of JSON> on stdout. Any failure of the
// scan prints nothing: the run's result matters more.
(function (codeB64, runId, pathsB64, pidFileB64, marker, check, scan) {
  const vm = require('vm');
  const util = require('util');
  const fs = require('fs');
  const path = require('path');
  if (check && globalThis.__msb_state !== marker) {
    console.log('__msb_lost_' + runId);
    return;
  }
  globalThis.__msb_state = marker;
  if (typeof globalThis.__msb_home !== 'string') {
    try {
      globalThis.__msb_home = process.cwd();
    } catch (error) {
      globalThis.__msb_home = null;
    }
  }
  const ignoring = Symbol.for('msb-mcp.ignoreSigint');
  if (!process[ignoring]) {
    process.on('SIGINT', () => {});
    process[ignoring] = true;
  }
  const paths = Buffer.from(pathsB64, 'base64').toString('utf8').split('\n').filter(Boolean);
  if (typeof module === 'object' && module !== null && Array.isArray(module.paths)) {
    for (const dir of paths) {
      if (!module.paths.includes(dir)) {
        module.paths.unshift(dir);
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
  const started = Date.now();
  let interrupted = false;
  try {
    const value = vm.runInThisContext(source, { filename: '<code>', breakOnSigint: true });
    if (value !== undefined) {
      console.log(util.inspect(value));
    }
  } catch (error) {
    interrupted = error !== null && typeof error === 'object' && error.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED';
    if (error !== null && typeof error === 'object' && typeof error.stack === 'string') {
      const lines = error.stack.split('\n');
      const end = lines.findIndex((line) => /^\s+at (Script\.runInThisContext|Object\.runInThisContext) /.test(line));
      console.error((end > 0 ? lines.slice(0, end) : lines).join('\n'));
    } else {
      console.error('Uncaught ' + util.inspect(error));
    }
    console.log('__msb_failed_' + runId);
  } finally {
    if (pidFile !== null) {
      try {
        fs.unlinkSync(pidFile);
      } catch (error) {
        // already gone
      }
    }
  }
  if (scan) {
    try {
      const found = scanFiles(globalThis.__msb_home, started, interrupted, scan);
      if (found !== null) {
        console.log('__msb_files_' + runId + ' ' + found);
      }
    } catch (error) {
      // no files: the run's result matters more
    }
  }

  // The files changed under home since started - 20 ms (file system timestamps are coarse), as base64 of
  // {"home": ..., "files": [[relative path, size, mtime], ...], "images": {relative path: base64}}; at most depth
  // levels deep, maxFiles files, a time budget; installed packages, caches and version control are skipped, symlinked
  // folders are not followed. Null when there is no home.
  function scanFiles(home, startedMs, wasInterrupted, spec) {
    const [depth, maxFiles, maxImages, maxImageBytes, budget, deadline, interruptedBudget] = spec
      .split(' ')
      .map(Number);
    if (typeof home !== 'string') {
      return null;
    }
    let seconds = Math.min(budget, (startedMs + deadline * 1000 - Date.now()) / 1000);
    if (wasInterrupted) {
      seconds = Math.min(seconds, interruptedBudget);
    }
    const giveUp = Date.now() + seconds * 1000;
    const prune = new Set(['.msb-mcp', 'node_modules', '__pycache__', '.git', '.cache', '.npm']);
    const pictures = /\.(png|jpe?g|gif|webp)$/i;
    const threshold = startedMs - 20;
    const files = [];
    const images = {};
    let imageCount = 0;
    const folders = [['', 1]];
    while (folders.length > 0 && files.length < maxFiles && Date.now() < giveUp) {
      const [folder, level] = folders.pop();
      let entries;
      try {
        entries = fs.readdirSync(folder ? path.join(home, folder) : home);
      } catch (error) {
        continue;
      }
      for (const name of entries) {
        if (files.length >= maxFiles || Date.now() >= giveUp) {
          break;
        }
        if (prune.has(name) || name.startsWith('.msb-clock-')) {
          continue;
        }
        const relative = folder ? folder + '/' + name : name;
        const full = path.join(home, relative);
        let info;
        try {
          info = fs.lstatSync(full);
        } catch (error) {
          continue;
        }
        if (info.isDirectory()) {
          if (level < depth) {
            folders.push([relative, level + 1]);
          }
        } else if (info.isFile() && info.mtimeMs >= threshold) {
          files.push([relative, info.size, info.mtimeMs / 1000]);
          if (imageCount < maxImages && info.size <= maxImageBytes && pictures.test(name)) {
            try {
              images[relative] = fs.readFileSync(full).toString('base64');
              imageCount++;
            } catch (error) {
              // listed without its bytes
            }
          }
        }
      }
    }
    return Buffer.from(JSON.stringify({ home, files, images }), 'utf8').toString('base64');
  }
})
