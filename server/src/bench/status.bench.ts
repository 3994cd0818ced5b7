import os from 'node:os';
import bcrypt from 'bcryptjs';
import { startBareApollo } from './anchor';
import {
  productionEnv,
  serverEnv,
  signUp,
  startServer,
  stop,
  tempDatabaseUrl,
  tempMysqlDatabase,
  type BenchProcess,
} from './bench-stack';
import { load, type LoadResult } from './load';
import { round, type Metric } from './metrics';
import {
  PASSWORD,
  seedStatusAccount,
  startSimulators,
  STATUS_QUERY,
  type SeededAccount,
  type Simulators,
} from './seed';

/**
 * Figures 1 and 2 of docs/performance.md: `connectionStatus` throughput against a bare Apollo Server measured in
 * the same run, on SQLite and on MySQL; its p99 while logins arrive at 4/s; and the login ceiling.
 */

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
/** The server's default BCRYPT_COST (config.ts). */
const BCRYPT_COST = 12;
const LOGIN_QUERY =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { account { id } } }';

function describe(label: string, result: LoadResult): void {
  console.log(
    `  ${label}: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
      `${result.failures} failed, ${result.errors} transport errors${result.samples.length ? ` (${result.samples[0]})` : ''}`,
  );
}

async function throughput(url: string, query: string, headers: Record<string, string>, label: string) {
  await load({ url, requests: [{ query, headers }], connections: CONNECTIONS, durationSeconds: WARM_UP_SECONDS });
  const result = await load({
    url,
    requests: [{ query, headers }],
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
  });
  describe(label, result);
  return result;
}

/** A figure only counts when every answer was right. */
function ratioMetric(name: string, result: LoadResult, anchor: LoadResult, target: number): Metric {
  const value = round(result.requestsPerSecond / anchor.requestsPerSecond, 3);
  return { name, value, unit: 'ratio', target, met: value >= target && result.failures === 0 && result.errors === 0 };
}

async function statusOn(
  dialect: 'SQLite' | 'MySQL',
  databaseUrl: string,
): Promise<{ metrics: Metric[]; server?: BenchProcess }> {
  const simulators = await startSimulators();
  const processes: BenchProcess[] = [];
  try {
    const env = serverEnv({ databaseUrl, intuit: simulators.intuit, sendgridUrl: simulators.sendgrid.url });
    const seeding = await startServer(env);
    const seeded = await (async () => {
      try {
        const account = await seedStatusAccount(seeding, simulators);
        const people =
          dialect === 'SQLite' ? await seedLoginAccounts(seeding, simulators, os.availableParallelism() * 2) : [];
        return { account, people };
      } finally {
        await stop([seeding]);
      }
    })();
    const { account } = seeded;
    const server = await startServer(productionEnv(env));
    processes.push(server);
    const anchor = await startBareApollo();
    processes.push(anchor);
    // Production's session cookie (APP_URL is https): docs/accounts.md.
    const sessionCookie = `__Host-mobius_session=${account.sessionToken}`;

    const bare = await throughput(anchor.url, '{ __typename }', {}, 'bare Apollo { __typename }');
    const token = await throughput(
      server.url,
      STATUS_QUERY,
      { authorization: `Bearer ${account.apiToken}` },
      `connectionStatus, API token, ${dialect}`,
    );
    const session = await throughput(
      server.url,
      STATUS_QUERY,
      { cookie: sessionCookie },
      `connectionStatus, session, ${dialect}`,
    );
    const metrics: Metric[] = [
      { name: `bare Apollo { __typename } (${dialect} run)`, value: bare.requestsPerSecond, unit: 'req/s' },
      { name: `connectionStatus, API token, ${dialect}`, value: token.requestsPerSecond, unit: 'req/s' },
      ratioMetric(`connectionStatus ÷ bare Apollo, API token, ${dialect}`, token, bare, 0.5),
      { name: `connectionStatus, session, ${dialect}`, value: session.requestsPerSecond, unit: 'req/s' },
      ratioMetric(`connectionStatus ÷ bare Apollo, session, ${dialect}`, session, bare, 0.5),
    ];
    if (dialect === 'SQLite') metrics.push(...(await logins(server.url, account, seeded.people)));
    return { metrics };
  } finally {
    await stop(processes);
    await simulators.close();
  }
}

/** The time one bcrypt compare takes on this machine at the server's cost (median of five). */
async function oneHashSeconds(cost: number): Promise<number> {
  const hash = await bcrypt.hash(PASSWORD, cost);
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = process.hrtime.bigint();
    await bcrypt.compare(PASSWORD, hash);
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return times.sort((a, b) => a - b)[2];
}

/** Extra accounts for the login ceiling: each connection logs in to its own, as separate people would. */
async function seedLoginAccounts(server: BenchProcess, simulators: Simulators, count: number): Promise<string[]> {
  const emails: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `person${i + 1}@acme-msp.test`;
    await signUp(server.url, simulators.sendgrid.controls, email);
    emails.push(email);
  }
  return emails;
}

function loginRequest(email: string) {
  return { query: LOGIN_QUERY, variables: { email, password: PASSWORD } };
}

async function logins(url: string, account: SeededAccount, people: string[]): Promise<Metric[]> {
  const status = { query: STATUS_QUERY, headers: { authorization: `Bearer ${account.apiToken}` } };
  // Figure 2a: partner monitors (10 connections) while people log in at 4 per second.
  const [polled, logged] = await Promise.all([
    load({ url, requests: [status], connections: 10, durationSeconds: SECONDS * 2 }),
    load({
      url,
      requests: [loginRequest(account.email)],
      connections: 4,
      overallRate: 4,
      durationSeconds: SECONDS * 2,
    }),
  ]);
  describe('connectionStatus (10 connections) during logins at 4/s', polled);
  describe('logins at 4/s', logged);
  // Figure 2b: logins as fast as the server takes them, one connection per person, twice as many as cores.
  const ceiling = await Promise.all(
    people.map((email) => load({ url, requests: [loginRequest(email)], connections: 1, durationSeconds: SECONDS * 2 })),
  );
  const succeeded = ceiling.reduce((sum, r) => sum + r.requests - r.failures, 0);
  const failed = ceiling.reduce((sum, r) => sum + r.failures + r.errors, 0);
  const loginsPerSecond = succeeded / (SECONDS * 2);
  console.log(
    `  logins at full load (${people.length} people): ${round(loginsPerSecond, 2)} logins/s, ${failed} failed`,
  );
  const cores = os.availableParallelism();
  const hashSeconds = await oneHashSeconds(BCRYPT_COST);
  const ideal = cores / hashSeconds;
  console.log(
    `  one bcrypt compare (cost ${BCRYPT_COST}): ${round(hashSeconds * 1000, 0)} ms; ${cores} cores → ideal ${round(ideal, 2)} logins/s`,
  );
  return [
    {
      name: 'connectionStatus p99 during logins at 4/s',
      value: polled.p99Ms,
      unit: 'ms',
      target: 50,
      atMost: true,
      met: polled.p99Ms <= 50 && polled.failures === 0 && polled.errors === 0,
    },
    {
      name: 'login p99 at 4/s',
      value: logged.p99Ms,
      unit: 'ms',
      target: 1000,
      atMost: true,
      met: logged.p99Ms <= 1000 && logged.failures === 0 && logged.errors === 0,
    },
    { name: 'logins/s at full load', value: round(loginsPerSecond, 2), unit: 'logins/s' },
    {
      name: 'login ceiling ÷ (cores ÷ one hash)',
      value: round(loginsPerSecond / ideal, 3),
      unit: 'ratio',
      target: 0.8,
      met: loginsPerSecond / ideal >= 0.8 && failed === 0,
    },
  ];
}

export async function statusBenchmark(options: { mysqlUrl?: string }): Promise<Metric[]> {
  const sqlite = tempDatabaseUrl();
  const metrics: Metric[] = [];
  try {
    metrics.push(...(await statusOn('SQLite', sqlite.url)).metrics);
  } finally {
    sqlite.remove();
  }
  if (options.mysqlUrl) {
    const mysql = await tempMysqlDatabase(options.mysqlUrl);
    try {
      metrics.push(...(await statusOn('MySQL', mysql.url)).metrics);
    } finally {
      await mysql.remove();
    }
  }
  return metrics;
}
