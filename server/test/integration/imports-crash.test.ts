import { randomBytes } from 'node:crypto';
import {
  startConnectWiseSimulator,
  QBO_VENDOR_COLLISION_CUSTOMER,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { startSendGridSimulator } from '../../src/simulators/sendgrid';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { IMPORT, importEnv, qboDocuments, type ResultView, type RunView } from '../support/imports';
import {
  connectQuickBooks,
  DEMO_REALM,
  defaultConfiguration,
  saveConnectWise,
  signIn,
  type Session,
} from '../support/quickbooks';
import { childEnv, ensureBuilt, freePort, startChild, type Child } from '../support/server-process';
import { TEST_REDIS_URL } from '../support/queues';
import { startWorker, type WorkerChild } from '../support/worker-process';
import { gql } from '../support/test-server';
import { withTestServer } from '../support/use-test-server';
import { waitUntil } from '../support/wait-until';

/**
 * Exactly once across a crash (docs/imports.md §3.5): the process working an import is SIGKILLed while
 * QuickBooks holds the answer to a batch it has already applied. After a restart the run resumes from its
 * items, adopts what QuickBooks created, creates the rest, and QuickBooks holds every invoice exactly once.
 * Embedded queue: the server process itself is killed and started again. BullMQ: a worker-only process
 * (`npm run worker`) is killed and another one takes over.
 */

type Kind = 'embedded on sqlite' | 'embedded on mysql' | 'BullMQ on Redis';
const kinds: Kind[] = [
  'embedded on sqlite',
  ...(process.env.TEST_MYSQL_URL ? (['embedded on mysql'] as const) : []),
  'BullMQ on Redis',
];
const INVOICES = 150;

describe.each(kinds)('an import whose process is SIGKILLed mid-run, %s', (kind) => {
  let db: TestDatabase;
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;
  let sendgrid: RunningServer;
  const children: Array<Child | WorkerChild> = [];

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase(kind === 'embedded on mysql' ? 'mysql' : 'sqlite');
    intuit = await startIntuitSimulator();
    psa = await startConnectWiseSimulator({ invoiceCount: INVOICES });
    sendgrid = await startSendGridSimulator();
  });
  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    }
    await Promise.all(children.map((child) => child.exited));
    await intuit?.close();
    await psa?.close();
    await sendgrid?.close();
    await db?.destroy();
  });

  const createdCount = () =>
    qboDocuments(intuit, DEMO_REALM).size + qboDocuments(intuit, DEMO_REALM, 'CreditMemo').size;

  it('resumes after a restart and leaves every invoice in QuickBooks exactly once', async () => {
    // Account, ConnectWise and QuickBooks set up through an in-process server on the same database.
    const dialect = kind === 'embedded on mysql' ? 'mysql' : 'sqlite';
    const { session, configuration, collided } = await withTestServer(
      { dialect, db, intuit, env: importEnv(intuit) },
      async (setup) => {
        const owner: Session = await signIn(setup, 'imports.crash@acme-msp.test');
        await saveConnectWise(setup, owner, psa.url);
        const config = await defaultConfiguration(setup, owner);
        expect((await connectQuickBooks(setup, owner, config.id, DEMO_REALM)).location).toContain('connected=1');
        const preview = await gql<{ unpostedInvoices: Array<{ id: string; companyName: string }> }>(
          setup.url,
          IMPORT.preview,
          { id: config.id },
          owner,
        );
        const invoices = preview.body.data?.unpostedInvoices ?? [];
        expect(invoices).toHaveLength(INVOICES);
        const collisions = invoices.filter((invoice) => invoice.companyName === QBO_VENDOR_COLLISION_CUSTOMER);
        return { session: owner, configuration: config, collided: collisions.length };
      },
    );

    const bullmq = kind === 'BullMQ on Redis';
    const env = childEnv({
      databaseUrl: db.url,
      sendgridUrl: sendgrid.url,
      intuit,
      extra: {
        QUEUE_POLL_MS: '100',
        ...importEnv(intuit),
        ...(bullmq
          ? {
              REDIS_URL: TEST_REDIS_URL,
              QUEUE_PREFIX: `mobius-crash-${randomBytes(4).toString('hex')}`,
              QUEUE_LEASE_SECONDS: '2',
            }
          : {}),
      },
    });
    // BullMQ: the web process only enqueues; worker-only processes work the run.
    const web = await startChild(bullmq ? { ...env, QUEUE_CONCURRENCY: '0' } : env, await freePort());
    children.push(web);
    const first = bullmq ? await startWorker(env) : web;
    if (bullmq) children.push(first);

    const started = await gql<{ startImport: RunView }>(
      web.url,
      IMPORT.start,
      { id: configuration.id, ids: null },
      session,
    );
    const runId = started.body.data?.startImport.id as string;
    expect(runId).toBeTruthy();

    // Let the first batch through, then hold QuickBooks' answer to the next one after it has been applied.
    await waitUntil('the first batch to be created', () => createdCount() >= 25);
    intuit.controls.delayQboResponse(120_000, 1, { pathIncludes: 'batch' });
    const beforeKill = createdCount();
    await waitUntil('the held batch to be applied', () => createdCount() >= beforeKill + 20);
    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    intuit.controls.clearFaults();
    const appliedWhileDying = createdCount();

    // Start again: the embedded queue in a new server process, or another worker on the same Redis.
    let reader = web;
    if (bullmq) {
      children.push(await startWorker(env));
    } else {
      const restarted = await startChild(env, await freePort());
      children.push(restarted);
      reader = restarted;
    }
    const finished = await waitUntil(
      'the run to finish',
      async () => {
        const res = await gql<{ importRun: RunView | null }>(reader.url, IMPORT.run, { id: runId }, session);
        const run = res.body.data?.importRun;
        return run && run.status !== 'QUEUED' && run.status !== 'RUNNING' ? run : null;
      },
      { timeoutMs: 120_000 },
    );

    expect(finished).toMatchObject({ total: INVOICES, succeeded: INVOICES - collided, failed: collided, skipped: 0 });
    const results = finished.results as ResultView[];
    const adopted = results.filter((result) => result.message?.includes('from an earlier attempt'));
    expect(adopted.length).toBeGreaterThan(0);
    expect(adopted.length).toBeLessThanOrEqual(appliedWhileDying);

    // QuickBooks holds each invoice exactly once, none missing.
    const documents = [
      ...qboDocuments(intuit, DEMO_REALM).values(),
      ...qboDocuments(intuit, DEMO_REALM, 'CreditMemo').values(),
    ];
    expect(documents.every((docs) => docs.length === 1)).toBe(true);
    expect(documents).toHaveLength(INVOICES - collided);
    const ids = results.filter((r) => r.status === 'SUCCEEDED').map((r) => r.qboInvoiceId);
    expect(new Set(ids).size).toBe(INVOICES - collided);
  });
});
