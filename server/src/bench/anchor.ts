import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, type BenchProcess } from './bench-stack';

/** Starts the bare Apollo Server anchor (bare-apollo.ts) as its own process. */
export async function startBareApollo(): Promise<BenchProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'bare-apollo.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.join('').includes('bare apollo ready')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', () => reject(new Error(`the bare Apollo server exited: ${output.join('')}`)));
  });
  return { process: child, url: `http://127.0.0.1:${port}`, exited, output };
}
