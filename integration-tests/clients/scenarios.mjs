// Scenarios shared by the client scripts (sdk-long-call.mjs, modern-client.mjs): each takes `run(arguments,
// options)`, which calls execute_code with that client's own API, and returns plain figures for the Java test to
// assert on. Nothing here asserts: a scenario reports what the client saw, including errors, so a failing test shows
// the whole picture.
import fs from 'node:fs';
import path from 'node:path';

const now = () => Date.now();

/** Structured content and flags of a tool result, or the error the client raised. */
export function summary(result) {
  const s = result.structuredContent ?? {};
  return {
    isError: result.isError ?? false,
    sessionId: s.session_id ?? null,
    created: s.session_created ?? null,
    stdout: s.stdout ?? null,
    stderr: s.stderr ?? null,
    success: s.success ?? null,
    timedOut: s.timed_out ?? null,
    sessionReset: s.session_reset ?? null,
    text: (result.content ?? []).map((c) => c.text).join('\n'),
  };
}

export function describeError(e) {
  return { name: e?.name ?? null, code: e?.code ?? null, message: String(e?.message ?? e) };
}

/**
 * A call that reports progress: runs `code` with onprogress (and `extraOptions`, e.g. resetTimeoutOnProgress) and
 * records every notification with the time it arrived, relative to the start of the call.
 */
export async function progressCall(run, args, extraOptions) {
  const notifications = [];
  const start = now();
  const report = { notifications };
  try {
    const result = await run(args, {
      ...extraOptions,
      onprogress: (p) => notifications.push({ atMs: now() - start, progress: p.progress, total: p.total ?? null, message: p.message ?? null }),
    });
    report.result = summary(result);
  } catch (e) {
    report.error = describeError(e);
  }
  report.elapsedMs = now() - start;
  return report;
}

/**
 * The abort scenario. In session `session`: set a variable; start code that writes `<dir>/started` on the shared
 * volume, sleeps `sleepSeconds`, then would write `<dir>/late`; abort the call (AbortSignal) as soon as `started`
 * appears on the host; at once run the next call on the same session (it prints the variable); then wait until well
 * after the moment the code would have written `late` and look for it.
 */
export async function abortScenario(run, { session, hostDir, containerDir, sleepSeconds }) {
  const report = { session };
  fs.mkdirSync(hostDir, { recursive: true });
  const started = path.join(hostDir, 'started');
  const late = path.join(hostDir, 'late');

  const first = await run({ code: 'x = 42', session_id: session }, { timeout: 60000 });
  report.first = summary(first);

  const controller = new AbortController();
  const code = [
    'import time',
    `open('${containerDir}/started', 'w').write('started')`,
    `time.sleep(${sleepSeconds})`,
    `open('${containerDir}/late', 'w').write('the code was not stopped')`,
    "print('finished')",
  ].join('\n');
  const callStart = now();
  const pending = run({ code, session_id: session, timeout: 120 }, { signal: controller.signal, timeout: 60000 })
    .then((r) => ({ resolved: summary(r) }), (e) => ({ rejected: describeError(e) }));

  while (!fs.existsSync(started) && now() - callStart < 30000) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  report.startedSeenAfterMs = fs.existsSync(started) ? now() - callStart : null;
  const abortAt = now();
  controller.abort(new Error('aborted by the test'));
  report.aborted = await pending;

  const nextStart = now();
  try {
    const next = await run({ code: 'print(x)', session_id: session }, { timeout: 60000 });
    report.next = { ...summary(next), latencyMs: now() - nextStart, sinceAbortMs: now() - abortAt };
  } catch (e) {
    report.next = { error: describeError(e), latencyMs: now() - nextStart };
  }

  // The code would have written `late` sleepSeconds after `started`; give it 2.5 s more before looking.
  const lookAt = callStart + (report.startedSeenAfterMs ?? 0) + sleepSeconds * 1000 + 2500;
  if (lookAt > now()) {
    await new Promise((resolve) => setTimeout(resolve, lookAt - now()));
  }
  report.lateFileExists = fs.existsSync(late);
  report.lookedAfterStartedMs = now() - callStart - (report.startedSeenAfterMs ?? 0);
  return report;
}
