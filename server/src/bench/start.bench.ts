import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, tempDatabaseUrl } from './bench-stack';
import { round, type Metric } from './metrics';

/**
 * Figure 5 of docs/performance.md: `npm start` as a newcomer runs it (demo mode: SQLite, simulators on), already
 * installed and built, until `/healthz` answers 200. The median of three starts.
 */

const ROOT = path.resolve(__dirname, '../../..');
const TARGET_SECONDS = 5;

async function oneStart(): Promise<number> {
  const port = await freePort();
  const database = tempDatabaseUrl();
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      DATABASE_URL: database.url,
      // Clear of the default simulator ports, should a development server be running.
      SIMULATOR_BASE_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      LOG_LEVEL: 'warn',
    },
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if ((process.hrtime.bigint() - started) / 1_000_000n > 60_000n) throw new Error('npm start took over 60 s');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
    database.remove();
  }
}

export async function startBenchmark(): Promise<Metric[]> {
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) times.push(await oneStart());
  console.log(`  npm start → /healthz 200: ${times.map((t) => `${round(t, 2)} s`).join(', ')}`);
  const median = round(times.sort((a, b) => a - b)[1], 2);
  return [
    {
      name: 'npm start → /healthz 200 (built)',
      value: median,
      unit: 's',
      target: TARGET_SECONDS,
      atMost: true,
      met: median <= TARGET_SECONDS,
    },
  ];
}
