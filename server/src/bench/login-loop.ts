import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The people logging in during the mixed load (docs/performance.md §5). Each runs in a worker thread of its own:
 * in the load generator's main thread, autocannon's 198 connections kept undici's `fetch` waiting for seconds, so
 * a login answered by the server in 0.3 s was counted as a 10 s timeout.
 */

const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { account { id } } }';

export interface LoginTimes {
  latenciesMs: number[];
  failures: number;
  serverErrors: number;
  errors: number;
  samples: string[];
}

interface LoopInput {
  url: string;
  email: string;
  password: string;
  seconds: number;
}

/**
 * A person logging in once a second (or as soon as the last login answered, when it took longer), for the
 * length of the load. A login not answered within 10 s counts as an error.
 */
export async function logInEverySecond({ url, email, password, seconds }: LoopInput): Promise<LoginTimes> {
  const times: LoginTimes = { latenciesMs: [], failures: 0, serverErrors: 0, errors: 0, samples: [] };
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const started = Date.now();
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = await response.text();
      times.latenciesMs.push(Date.now() - started);
      if (response.status >= 500) times.serverErrors += 1;
      if (response.status !== 200 || !body.startsWith('{"data":') || body.includes('"errors":')) {
        times.failures += 1;
        if (times.samples.length < 3) times.samples.push(`${response.status} ${body.slice(0, 300)}`);
      }
    } catch (error) {
      times.errors += 1;
      if (times.samples.length < 3)
        times.samples.push(`transport: ${(error as Error).name}: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - started))));
  }
  return times;
}

/** {@link logInEverySecond} in a worker thread running this file (the built `.js`). */
export function logInEverySecondInAWorker(input: LoopInput): Promise<LoginTimes> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: input });
    worker.once('message', (times: LoginTimes) => resolve(times));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the login worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void logInEverySecond(workerData as LoopInput).then((times) => port.postMessage(times));
}
