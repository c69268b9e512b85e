import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const MAIN = path.join(__dirname, '../../dist/src/main.js');

export interface ChildRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code and how long the process lived. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Resolves with the URL once the server logs that it is ready. */
  ready: Promise<string>;
}

const running = new Set<ChildRun>();

/** Runs the built server as `npm start` does, with the given environment. */
export function runServer(env: Record<string, string>): ChildRun {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let resolveReady: (url: string) => void;
  let rejectReady: (e: Error) => void;
  const ready = new Promise<string>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    // The log line that says so (with SQL_DEBUG, seeded rows print URLs of their own).
    const match = /^\{.*"url":"([^"]+)".*"msg":"ready at/m.exec(out);
    if (match) resolveReady(match[1].replace('localhost', '127.0.0.1'));
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      rejectReady(new Error(`server exited (${code}) before it was ready: ${err || out}`));
      resolve({ code, signal, ms: Date.now() - started });
    });
  });
  ready.catch(() => undefined);
  const run: ChildRun = { child, stdout: () => out, stderr: () => err, exited, ready };
  running.add(run);
  void exited.then(() => running.delete(run));
  return run;
}

/**
 * Kills the servers this file started that are still running (after a failed or timed-out test),
 * and waits for them to exit. Call it before removing their data folders: a folder removed under
 * a running PGlite makes its statements fail ("could not seek to end of file") and its close abort.
 */
export async function stopServers(): Promise<void> {
  const left = [...running];
  for (const run of left) run.child.kill('SIGKILL');
  await Promise.all(left.map((run) => run.exited));
}
