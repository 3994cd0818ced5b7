import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { EventLog, type LogLine } from './queues';
import { SERVER_DIR } from './server-process';

/** The built worker (`node server/dist/worker.js`) as a separate process; build it first with ensureBuilt(). */

export const WORKER_ENTRY = path.join(SERVER_DIR, 'dist/worker.js');

export interface WorkerChild {
  process: ChildProcess;
  /** Its JSON log lines as they arrive. */
  logs: EventLog<LogLine>;
  /** Everything it printed, for failure messages. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a worker and resolves once it has logged "worker ready". */
export async function startWorker(env: Record<string, string>): Promise<WorkerChild> {
  const child = spawn(process.execPath, [WORKER_ENTRY], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = new EventLog<LogLine>();
  const output: string[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output.push(text);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = logs.until((lines) => lines.some((line) => line.msg === 'worker ready'), 'worker ready');
  const failed = exited.then((exit) => {
    throw new Error(`the worker exited (${JSON.stringify(exit)}) before it was ready: ${output.join('')}`);
  });
  await Promise.race([ready, failed]);
  failed.catch(() => undefined);
  return { process: child, logs, output, exited };
}
