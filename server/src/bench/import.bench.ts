import { benchCredentials, generateBenchTenant, startConnectWiseSimulator } from '../simulators/connectwise';
import { NORTHWIND_SANDBOX, SANDBOX_COMPANY_US_1, startIntuitSimulator } from '../simulators/intuit';
import { startSendGridSimulator } from '../simulators/sendgrid';
import {
  connectQuickBooks,
  graphql,
  serverEnv,
  signUp,
  startServer,
  startWorker,
  stop,
  tempDatabaseUrl,
  type BenchProcess,
} from './bench-stack';
import { table, type Metric } from './metrics';

/**
 * `npm run bench -- import` (docs/imports.md §3 "Throttling"): 2,000 PSA invoices from the ConnectWise
 * simulator into the QBO simulator with QuickBooks' real limits. QBO allows one company 40 batch requests
 * of 30 items a minute: 1,200 invoices/min is the ceiling; the figure is invoices/min ÷ 1,200, per company.
 */

export const QBO_CEILING_PER_MINUTE = 40 * 30;
const INVOICES = 2_000;
const TENANT = 'bench_msp';

interface RunResult {
  status: string;
  message: string | null;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  startedAt: string;
  finishedAt: string;
}

async function waitForRun(url: string, token: string, id: string): Promise<RunResult> {
  for (;;) {
    const { importRun } = await graphql<{ importRun: RunResult }>(
      url,
      'query($id: ID!) { importRun(id: $id) { status message total succeeded failed skipped startedAt finishedAt } }',
      { id },
      token,
    );
    if (importRun.status !== 'QUEUED' && importRun.status !== 'RUNNING') return importRun;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One scenario: a server (and workers), `companies` QBO companies each importing all 2,000 invoices at once. */
async function scenario(options: {
  label: string;
  companies: number;
  redisUrl?: string;
  workers: number;
}): Promise<Metric[]> {
  const psa = await startConnectWiseSimulator({
    tenants: () => [generateBenchTenant({ companyId: TENANT, invoices: INVOICES })],
  });
  const intuit = await startIntuitSimulator();
  const sendgrid = await startSendGridSimulator();
  const database = tempDatabaseUrl();
  const processes: BenchProcess[] = [];
  try {
    const queueEnv: Record<string, string> = options.redisUrl
      ? { REDIS_URL: options.redisUrl, QUEUE_PREFIX: `mobius-bench-${Date.now()}` }
      : {};
    const env = serverEnv({ databaseUrl: database.url, intuit, sendgridUrl: sendgrid.url, extra: queueEnv });
    const server = await startServer({ ...env, ...(options.workers > 0 ? { QUEUE_CONCURRENCY: '0' } : {}) });
    processes.push(server);
    // One job at a time per worker: the two companies' runs land on the two workers.
    for (let i = 0; i < options.workers; i += 1) processes.push(await startWorker({ ...env, QUEUE_CONCURRENCY: '1' }));

    const token = await signUp(server.url, sendgrid.controls, 'bench@acme-msp.test');
    await graphql(
      server.url,
      'mutation($input: ConnectWiseInput!) { saveConnectWise(input: $input) { id } }',
      { input: { site: psa.url, ...benchCredentials(TENANT) } },
      token,
    );
    const realms = [SANDBOX_COMPANY_US_1.realmId, NORTHWIND_SANDBOX.realmId].slice(0, options.companies);
    const { me } = await graphql<{ me: { quickBooksConfigurations: Array<{ id: string }> } }>(
      server.url,
      '{ me { quickBooksConfigurations { id } } }',
      {},
      token,
    );
    const configurations = [me.quickBooksConfigurations[0]?.id];
    for (let i = 1; i < realms.length; i += 1) {
      const { addQuickBooksCompany } = await graphql<{ addQuickBooksCompany: { id: string } }>(
        server.url,
        'mutation($name: String!) { addQuickBooksCompany(name: $name) { id } }',
        { name: `Company ${i + 1}` },
        token,
      );
      configurations.push(addQuickBooksCompany.id);
    }
    for (const [index, id] of configurations.entries()) await connectQuickBooks(server.url, token, id, realms[index]);

    const runIds = await Promise.all(
      configurations.map(async (id) => {
        const { startImport } = await graphql<{ startImport: { id: string } }>(
          server.url,
          'mutation($id: ID!) { startImport(configurationId: $id, invoiceIds: null) { id } }',
          { id },
          token,
        );
        return startImport.id;
      }),
    );
    const runs = await Promise.all(runIds.map((id) => waitForRun(server.url, token, id)));
    for (const run of runs)
      console.log(`  run: ${run.status}, ${run.message ?? ''} (${run.startedAt} → ${run.finishedAt})`);
    const metrics = runs.flatMap((run, index) => {
      const minutes = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 60_000;
      const perMinute = run.succeeded / minutes;
      const name = `import ${options.label}${options.companies > 1 ? `, company ${index + 1}` : ''}`;
      return [
        { name: `${name}: invoices/min`, value: Math.round(perMinute), unit: 'invoices/min' },
        {
          name: `${name}: ratio to QBO's ceiling (1,200/min)`,
          value: Math.round((perMinute / QBO_CEILING_PER_MINUTE) * 1000) / 1000,
          unit: 'ratio',
          target: 0.9,
          met: perMinute / QBO_CEILING_PER_MINUTE >= 0.9 && run.failed === 0 && run.succeeded === INVOICES,
        },
        {
          name: `${name}: failed invoices`,
          value: run.failed,
          unit: 'invoices',
          target: 0,
          atMost: true,
          met: run.failed === 0,
        },
      ];
    });
    console.log(table(metrics));
    return metrics;
  } finally {
    await stop(processes);
    await Promise.all([psa.close(), intuit.close(), sendgrid.close()]);
    database.remove();
  }
}

export async function importBenchmark(options: { redisUrl?: string; only?: string }): Promise<Metric[]> {
  const metrics =
    options.only === 'bullmq'
      ? []
      : await scenario({ label: '(embedded queue, one company)', companies: 1, workers: 0 });
  if (options.redisUrl && options.only !== 'embedded') {
    metrics.push(
      ...(await scenario({
        label: '(BullMQ, two workers)',
        companies: 2,
        workers: 2,
        redisUrl: options.redisUrl,
      })),
    );
  }
  return metrics;
}
