import {
  startConnectWiseSimulator,
  QBO_VENDOR_COLLISION_CUSTOMER,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import type { ImportTuning } from '../../src/modules/imports';
import { autoSyncKey, JOB_AUTOSYNC } from '../../src/modules/imports/import.ports';
import { QueueScheduleRecord } from '../../src/queue/queue-schedule.entity';
import { testDialects } from '../support/databases';
import {
  IMPORT,
  runOf,
  importAndWait,
  importEnv,
  psaTransactions,
  qboDocuments,
  qboLineCents,
  saveSettings,
  startImport,
  waitForRun,
  type ResultView,
  type RunView,
} from '../support/imports';
import {
  connectQuickBooks,
  DEMO_REALM,
  defaultConfiguration,
  firstError,
  NORTHWIND_REALM,
  QB,
  saveConnectWise,
  signIn,
  type Session,
} from '../support/quickbooks';
import { gql, startTestServer, STRONG_PASSWORD, type TestServer } from '../support/test-server';
import { waitUntil } from '../support/wait-until';

/**
 * The invoice import end to end (docs/imports.md): the real server, the real ConnectWise and QBO clients,
 * and the simulators on loopback, on SQLite and MySQL.
 */

const FAST: Partial<ImportTuning> = {
  retryPolicy: { throttleWaitMs: 300, maxThrottleWaits: 200, transientDelaysMs: [50, 100, 200] },
};

describe.each(testDialects)('importing invoices on %s', (dialect) => {
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;
  let server: TestServer;

  beforeAll(async () => {
    intuit = await startIntuitSimulator();
    psa = await startConnectWiseSimulator();
    server = await startTestServer({ dialect, intuit, env: importEnv(intuit), imports: FAST });
  });
  afterAll(async () => {
    await server?.close();
    await intuit?.close();
    await psa?.close();
  });

  /** A fresh account with ConnectWise and its Default configuration connected to a fresh QBO company. */
  async function connectedAccount(email: string, realmId = DEMO_REALM): Promise<{ session: Session; id: string }> {
    intuit.controls.reset();
    psa.controls.reset();
    const session = await signIn(server, email);
    await saveConnectWise(server, session, psa.url);
    const config = await defaultConfiguration(server, session);
    const { location } = await connectQuickBooks(server, session, config.id, realmId);
    expect(location).toContain('connected=1');
    return { session, id: config.id };
  }

  async function preview(session: Session, id: string) {
    const res = await gql<{
      unpostedInvoices: Array<{
        id: string;
        invoiceNumber: string;
        companyName: string;
        type: string;
        totalCents: number;
        imported: boolean;
        qboUrl: string | null;
      }>;
    }>(server.url, IMPORT.preview, { id }, session);
    if (!res.body.data) throw new Error(res.raw);
    return res.body.data.unpostedInvoices;
  }

  it('imports the demo company: every invoice once, equal to the PSA, the vendor collision failing alone', async () => {
    const { session, id } = await connectedAccount('imports.demo@acme-msp.test');
    const invoices = await preview(session, id);
    expect(invoices).toHaveLength(60);
    expect(invoices.every((invoice) => !invoice.imported)).toBe(true);

    const run = await importAndWait(server, session, id);
    const collided = invoices.filter((invoice) => invoice.companyName === QBO_VENDOR_COLLISION_CUSTOMER);
    expect(collided.length).toBeGreaterThan(0);
    expect(run).toMatchObject({
      status: 'PARTIAL',
      trigger: 'USER',
      total: 60,
      done: 60,
      succeeded: 60 - collided.length,
      failed: collided.length,
      skipped: 0,
      requestedBy: 'imports.demo@acme-msp.test',
    });

    const results = run.results as ResultView[];
    for (const failure of results.filter((r) => r.status === 'FAILED')) {
      expect(failure.companyName).toBe(QBO_VENDOR_COLLISION_CUSTOMER);
      expect(failure.message).toContain('Duplicate Name Exists');
      expect(failure.hint).toContain('Append the PSA account number');
      expect(failure.qboInvoiceId).toBeNull();
    }

    // QBO holds each succeeded PSA invoice exactly once, with the PSA's number, lines and total.
    const psaView = await psaTransactions(
      psa.url,
      invoices.map((invoice) => Number(invoice.id)),
    );
    const qboInvoices = qboDocuments(intuit, DEMO_REALM, 'Invoice');
    const qboCredits = qboDocuments(intuit, DEMO_REALM, 'CreditMemo');
    for (const result of results.filter((r) => r.status === 'SUCCEEDED')) {
      const txn = psaView.get(Number(result.psaInvoiceId));
      if (!txn) throw new Error(`no PSA transaction ${result.psaInvoiceId}`);
      const store = txn.isCreditMemo ? qboCredits : qboInvoices;
      const docs = store.get(txn.invoiceNumber) ?? [];
      expect(docs).toHaveLength(1);
      const [doc] = docs as [Record<string, unknown>];
      expect(result.qboInvoiceId).toBe(doc.Id);
      expect(result.qboDocumentType).toBe(txn.isCreditMemo ? 'CreditMemo' : 'Invoice');
      expect(result.qboUrl).toBe(
        `${intuit.url}/app/${txn.isCreditMemo ? 'creditmemo' : 'invoice'}?txnId=${String(doc.Id)}&companyId=${DEMO_REALM}`,
      );
      const sign = txn.isCreditMemo ? -1 : 1;
      expect(Math.round(Number(doc.TotalAmt) * 100) * sign).toBe(txn.totalCents);
      expect(qboLineCents(doc).map((cents) => cents * sign)).toEqual(txn.lines.map((line) => line.amountCents));
    }
    const allDocs = [...qboInvoices.values(), ...qboCredits.values()].flat();
    expect(allDocs).toHaveLength(60 - collided.length);
    expect(qboCredits.size).toBeGreaterThan(0);

    // Customers: one per PSA company, created once; the preview now says what is imported.
    const customers = intuit.controls.company(DEMO_REALM).list('Customer');
    const names = customers.map((customer) => String(customer.DisplayName));
    expect(new Set(names).size).toBe(names.length);
    const after = await preview(session, id);
    expect(after.filter((invoice) => invoice.imported)).toHaveLength(60 - collided.length);
    expect(after.find((invoice) => invoice.imported)?.qboUrl).toContain(`${intuit.url}/app/`);

    // A second run and a run of already imported ids create nothing.
    const second = await importAndWait(server, session, id);
    expect(second).toMatchObject({
      status: 'PARTIAL',
      succeeded: 0,
      skipped: 60 - collided.length,
      failed: collided.length,
    });
    const importedIds = after
      .filter((invoice) => invoice.imported)
      .map((invoice) => invoice.id)
      .slice(0, 5);
    const third = await importAndWait(server, session, id, importedIds);
    expect(third).toMatchObject({ status: 'SUCCEEDED', total: 5, skipped: 5, succeeded: 0, failed: 0 });
    expect(
      [...qboDocuments(intuit, DEMO_REALM).values(), ...qboDocuments(intuit, DEMO_REALM, 'CreditMemo').values()].flat(),
    ).toHaveLength(allDocs.length);

    // Retry failed with account numbers appended: the collision is resolved, and only the failed ones are sent.
    expect((await saveSettings(server, session, id, { appendAccountNumber: true })).body.errors).toBeUndefined();
    const retryRes = await gql<{ retryFailedImport: RunView }>(server.url, IMPORT.retry, { runId: run.id }, session);
    expect(retryRes.body.data?.retryFailedImport).toMatchObject({
      trigger: 'RETRY',
      retryOfRunId: run.id,
      total: collided.length,
    });
    const retried = await waitForRun(server, session, retryRes.body.data?.retryFailedImport.id as string);
    expect(retried).toMatchObject({ status: 'SUCCEEDED', succeeded: collided.length, failed: 0 });
    const dell = intuit.controls
      .company(DEMO_REALM)
      .list('Customer')
      .find((customer) => String(customer.DisplayName).startsWith(`${QBO_VENDOR_COLLISION_CUSTOMER} (`));
    expect(dell).toBeDefined();

    // History, newest first.
    const runs = await gql<{ importRuns: RunView[] }>(server.url, IMPORT.runs, { id, limit: 10 }, session);
    expect(runs.body.data?.importRuns.map((r) => r.id)).toEqual([retried.id, third.id, second.id, run.id]);
  });

  it('marks exactly the succeeded invoices as exported, by their GL entry ids', async () => {
    const { session, id } = await connectedAccount('imports.export@acme-msp.test');
    expect((await saveSettings(server, session, id, { markExported: true })).body.errors).toBeUndefined();
    const invoices = await preview(session, id);
    const chosen = [
      ...invoices.filter((i) => i.companyName === QBO_VENDOR_COLLISION_CUSTOMER).slice(0, 1),
      ...invoices.filter((i) => i.companyName !== QBO_VENDOR_COLLISION_CUSTOMER).slice(0, 4),
    ];
    const expectedGl = await psaTransactions(
      psa.url,
      chosen.map((i) => Number(i.id)),
    );
    const run = await importAndWait(
      server,
      session,
      id,
      chosen.map((i) => i.id),
    );
    expect(run).toMatchObject({ status: 'PARTIAL', succeeded: 4, failed: 1, exportState: 'DONE' });

    const tenant = psa.state.tenants[0];
    expect(tenant?.batches).toHaveLength(1);
    const succeededIds = (run.results as ResultView[])
      .filter((r) => r.status === 'SUCCEEDED')
      .map((r) => Number(r.psaInvoiceId));
    const wantedGlIds = succeededIds.flatMap((psaId) => expectedGl.get(psaId)?.glEntryIds ?? []).sort((a, b) => a - b);
    expect(wantedGlIds.length).toBeGreaterThan(0);
    const batch = tenant?.batches[0] as unknown as { glEntryIds?: number[]; invoiceIds?: number[] };
    expect([...(batch.glEntryIds ?? [])].sort((a, b) => a - b)).toEqual(wantedGlIds);
    const stillUnposted = await preview(session, id);
    expect(stillUnposted.map((i) => i.id)).not.toEqual(expect.arrayContaining(succeededIds.map(String)));
    expect(stillUnposted.map((i) => i.id)).toContain(chosen[0]?.id);
  });

  it('slows down under lowered QuickBooks limits without failing an invoice', async () => {
    const { session, id } = await connectedAccount('imports.throttle@acme-msp.test');
    intuit.controls.setThrottleLimits({ requestsPerSecondPerRealmApp: 2, batchPerMinutePerRealmApp: 2 });
    const invoices = await preview(session, id);
    const chosen = invoices.filter((i) => i.companyName !== QBO_VENDOR_COLLISION_CUSTOMER).slice(0, 40);
    const run = await importAndWait(
      server,
      session,
      id,
      chosen.map((i) => i.id),
    );
    expect(run).toMatchObject({ status: 'SUCCEEDED', succeeded: 40, failed: 0 });
    expect(intuit.controls.counters().qboCalls.throttled).toBeGreaterThan(0);
    expect(qboDocuments(intuit, DEMO_REALM).size + qboDocuments(intuit, DEMO_REALM, 'CreditMemo').size).toBe(40);
  });

  it('refreshes an expired access token mid-run and goes on', async () => {
    const { session, id } = await connectedAccount('imports.refresh@acme-msp.test');
    intuit.controls.expireAccessTokens(DEMO_REALM);
    const invoices = await preview(session, id);
    const chosen = invoices.filter((i) => i.companyName !== QBO_VENDOR_COLLISION_CUSTOMER).slice(0, 10);
    const run = await importAndWait(
      server,
      session,
      id,
      chosen.map((i) => i.id),
    );
    expect(run).toMatchObject({ status: 'SUCCEEDED', succeeded: 10 });
  });

  it('stops FAILED with the connection-lost message when Intuit revoked the grant, and the configuration is LOST', async () => {
    const { session, id } = await connectedAccount('imports.revoked@acme-msp.test');
    const invoices = await preview(session, id);
    intuit.controls.revokeRealm(DEMO_REALM);
    intuit.controls.expireAccessTokens(DEMO_REALM);
    const run = await importAndWait(
      server,
      session,
      id,
      invoices.slice(0, 3).map((i) => i.id),
    );
    expect(run.status).toBe('FAILED');
    expect(run.message).toContain('has been lost');
    expect((run.results as ResultView[]).every((r) => r.status === 'FAILED')).toBe(true);
    const config = await gql<{ quickBooksConfiguration: { connectionStatus: { state: string } } }>(
      server.url,
      QB.one,
      { id },
      session,
    );
    expect(config.body.data?.quickBooksConfiguration.connectionStatus.state).toBe('LOST');
  });

  it('a ConnectWise PSA disconnect stops a running import at its next step, and refuses new ones', async () => {
    const { session, id } = await connectedAccount('imports.cw-disconnect@acme-msp.test');
    const invoices = await preview(session, id);
    const chosen = invoices.filter((i) => i.companyName !== QBO_VENDOR_COLLISION_CUSTOMER).slice(0, 3);
    // The run's first ConnectWise PSA call (listing the unposted invoices) waits at ConnectWise…
    psa.controls.hold();
    const started = await startImport(
      server,
      session,
      id,
      chosen.map((i) => i.id),
    );
    expect(started.body.errors).toBeUndefined();
    await psa.controls.whenHeld(1);
    // …while the person disconnects ConnectWise PSA.
    const disconnected = await gql(
      server.url,
      'mutation($p: String) { disconnectConnectWise(currentPassword: $p) }',
      { p: STRONG_PASSWORD },
      session,
    );
    expect(disconnected.body).toEqual({ data: { disconnectConnectWise: true } });
    psa.controls.release();

    const run = await waitForRun(server, session, started.body.data?.startImport.id as string);
    expect(run).toMatchObject({ status: 'FAILED', succeeded: 0 });
    expect(run.message).toMatch(/Configure your ConnectWise PSA connection first/);
    expect((run.results as ResultView[]).every((r) => r.status === 'FAILED')).toBe(true);
    expect(qboDocuments(intuit, DEMO_REALM).size).toBe(0);

    const again = await startImport(server, session, id);
    expect(firstError(again)).toMatchObject({ code: 'CONNECTWISE_REQUIRED' });
    // The QuickBooks Online connection is left as it was.
    const config = await gql<{ quickBooksConfiguration: { connectionStatus: { state: string } } }>(
      server.url,
      QB.one,
      { id },
      session,
    );
    expect(config.body.data?.quickBooksConfiguration.connectionStatus.state).toBe('CONNECTED');
  });

  it('refuses bad input with the field named, and a second run of a busy company', async () => {
    const { session, id } = await connectedAccount('imports.input@acme-msp.test');
    expect(firstError(await startImport(server, session, id, ['abc']))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'invoiceIds',
    });
    expect(firstError(await startImport(server, session, id, []))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'invoiceIds',
    });
    expect(firstError(await startImport(server, session, '00000000-0000-4000-8000-000000000000'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(firstError(await saveSettings(server, session, id, { autoSyncMinutes: 45 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'autoSyncMinutes',
    });
    expect(firstError(await saveSettings(server, session, id, { incomeAccountId: '999' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'incomeAccountId',
    });

    intuit.controls.delayQbo(1500, 1, { pathIncludes: 'batch' });
    const first = await startImport(server, session, id);
    const second = await startImport(server, session, id);
    expect(firstError(second)).toMatchObject({ code: 'IMPORT_IN_PROGRESS', field: 'configurationId' });
    expect(second.body.errors?.[0]?.extensions?.runId).toBe(first.body.data?.startImport.id);
    await waitForRun(server, session, first.body.data?.startImport.id as string);

    // Another account cannot read the run.
    const stranger = await signIn(server, 'imports.stranger@acme-msp.test');
    const peek = await gql<{ importRun: RunView | null }>(
      server.url,
      IMPORT.run,
      { id: first.body.data?.startImport.id },
      stranger,
    );
    expect(peek.body.data?.importRun).toBeNull();
  });

  it('never works one QuickBooks company with two runs at once, across two server processes', async () => {
    intuit.controls.reset();
    psa.controls.reset();
    const options = {
      dialect,
      intuit,
      env: importEnv(intuit),
      imports: { ...FAST, busyRetryMs: 200 },
      queue: { concurrency: 1 },
    };
    const first = await startTestServer(options);
    let second: TestServer | undefined;
    try {
      // Two accounts connect the same QBO company (allowed across accounts): their runs share the company's lock.
      const accounts: Array<{ session: Session; id: string }> = [];
      for (const email of ['imports.lock.a@acme-msp.test', 'imports.lock.b@acme-msp.test']) {
        const session = await signIn(first, email);
        await saveConnectWise(first, session, psa.url);
        const config = await defaultConfiguration(first, session);
        expect((await connectQuickBooks(first, session, config.id, NORTHWIND_REALM)).location).toContain('connected=1');
        accounts.push({ session, id: config.id });
      }
      const [a, b] = accounts as [{ session: Session; id: string }, { session: Session; id: string }];
      const listed = await gql<{ unpostedInvoices: Array<{ id: string; companyName: string }> }>(
        first.url,
        IMPORT.preview,
        { id: a.id },
        a.session,
      );
      const ids = (listed.body.data?.unpostedInvoices ?? [])
        .filter((i) => i.companyName !== QBO_VENDOR_COLLISION_CUSTOMER)
        .slice(0, 20)
        .map((i) => i.id);

      // The first process works run A, held up by a slow QuickBooks; a second process starts and gets run B.
      intuit.controls.delayQbo(3000, 1, { pathIncludes: 'batch' });
      const startA = await startImport(first, a.session, a.id, ids);
      const runAId = startA.body.data?.startImport.id as string;
      await waitUntil('run A to be running', async () => (await runOf(first, a.session, runAId)).status === 'RUNNING');
      second = await startTestServer({ ...options, db: first.db });
      const startB = await startImport(second, b.session, b.id, ids);
      const runA = await waitForRun(first, a.session, runAId);
      const runB = await waitForRun(second, b.session, startB.body.data?.startImport.id as string);
      expect(runA).toMatchObject({ status: 'SUCCEEDED', succeeded: 20 });
      expect(runB).toMatchObject({ status: 'SUCCEEDED', succeeded: 20 });

      // The second process found the company busy while the first worked it, and the two runs never overlapped.
      expect(second.logs.some((line) => line.includes('"event":"import.company_busy"') && line.includes(runB.id))).toBe(
        true,
      );
      expect(Date.parse(runB.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(runA.finishedAt ?? ''));
      // Same PSA invoices, same QBO company: the DocNumber check keeps the second run from duplicating the first's.
      expect([...qboDocuments(intuit, NORTHWIND_REALM).values()].every((docs) => docs.length === 1)).toBe(true);
    } finally {
      await second?.close();
      await first.close();
    }
  });

  it('lets a read-only API token read imports but not start one', async () => {
    const { session, id } = await connectedAccount('imports.token@acme-msp.test');
    const created = await gql<{ createApiToken: { token: string } }>(
      server.url,
      'mutation { createApiToken(name: "monitor") { token } }',
      {},
      session,
    );
    const token = created.body.data?.createApiToken.token as string;
    expect(token).toBeTruthy();
    const runs = await gql(server.url, IMPORT.runs, { id }, { token });
    expect(runs.body.errors).toBeUndefined();
    expect(firstError(await startImport(server, { ...session, token }, id))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('summarises each configuration for the dashboard: last run and invoices waiting', async () => {
    const { session, id } = await connectedAccount('imports.summary@acme-msp.test');
    const before = await gql<{
      importSummaries: Array<{ configurationId: string; waiting: number | null; lastRun: RunView | null }>;
    }>(server.url, IMPORT.summaries, {}, session);
    expect(before.body.data?.importSummaries).toEqual([
      expect.objectContaining({ configurationId: id, waiting: 60, lastRun: null }),
    ]);
    const invoices = await preview(session, id);
    const run = await importAndWait(
      server,
      session,
      id,
      invoices.slice(0, 3).map((i) => i.id),
    );
    const after = await gql<{ importSummaries: Array<{ waiting: number | null; lastRun: RunView | null }> }>(
      server.url,
      IMPORT.summaries,
      {},
      session,
    );
    expect(after.body.data?.importSummaries[0]?.lastRun?.id).toBe(run.id);
    expect(after.body.data?.importSummaries[0]?.waiting).toBe(60 - run.succeeded);
  });

  it('AutoSync imports what is new on its schedule and never overlaps a running import', async () => {
    const { session, id } = await connectedAccount('imports.autosync@acme-msp.test');
    const saved = await saveSettings(server, session, id, { autoSyncMinutes: 30 });
    expect(saved.body.data?.saveImportSettings).toMatchObject({ autoSyncMinutes: 30 });
    // The setting is a schedule of the job queue.
    const schedule = () =>
      server.db.dataSource.getRepository(QueueScheduleRecord).findOneBy({ scheduleKey: autoSyncKey(id) });
    expect(await schedule()).toMatchObject({ name: JOB_AUTOSYNC, everyMs: 30 * 60_000 });
    const autoSync = server.app.services.imports.schedules;

    // A tick while a run is going does not start a second one.
    intuit.controls.delayQbo(1500, 1, { pathIncludes: 'batch' });
    const invoices = await preview(session, id);
    const manual = await startImport(
      server,
      session,
      id,
      invoices.slice(0, 2).map((i) => i.id),
    );
    await autoSync.autoSync({ configurationId: id });
    await waitForRun(server, session, manual.body.data?.startImport.id as string);
    let runs =
      (await gql<{ importRuns: RunView[] }>(server.url, IMPORT.runs, { id }, session)).body.data?.importRuns ?? [];
    expect(runs.map((r) => r.trigger)).toEqual(['USER']);

    // A tick imports the rest, marked as AutoSync.
    await autoSync.autoSync({ configurationId: id });
    runs = (await gql<{ importRuns: RunView[] }>(server.url, IMPORT.runs, { id }, session)).body.data?.importRuns ?? [];
    expect(runs[0]?.trigger).toBe('AUTOSYNC');
    const auto = await waitForRun(server, session, runs[0]?.id);
    expect(auto).toMatchObject({ requestedBy: null, skipped: 0, succeeded: 58 - auto.failed });

    // The next tick tries again what failed (here after the collision is resolved), then finds nothing to do.
    expect(auto.failed).toBeGreaterThan(0);
    expect(
      (await saveSettings(server, session, id, { autoSyncMinutes: 30, appendAccountNumber: true })).body.errors,
    ).toBeUndefined();
    await autoSync.autoSync({ configurationId: id });
    runs = (await gql<{ importRuns: RunView[] }>(server.url, IMPORT.runs, { id }, session)).body.data?.importRuns ?? [];
    expect(await waitForRun(server, session, runs[0]?.id)).toMatchObject({
      trigger: 'AUTOSYNC',
      succeeded: auto.failed,
      failed: 0,
    });
    await autoSync.autoSync({ configurationId: id });
    runs = (await gql<{ importRuns: RunView[] }>(server.url, IMPORT.runs, { id }, session)).body.data?.importRuns ?? [];
    expect(runs).toHaveLength(3);
    const settings = (
      await gql<{ importSettings: { lastAutoSyncAt: string | null; nextAutoSyncAt: string | null } }>(
        server.url,
        IMPORT.settings,
        { id },
        session,
      )
    ).body.data?.importSettings;
    expect(settings?.lastAutoSyncAt).not.toBeNull();
    expect(Date.parse(settings?.nextAutoSyncAt ?? '') - Date.parse(settings?.lastAutoSyncAt ?? '')).toBe(30 * 60_000);

    // Off: the schedule is gone.
    expect((await saveSettings(server, session, id, { autoSyncMinutes: 0 })).body.errors).toBeUndefined();
    expect(await schedule()).toBeNull();
  });

  it('AutoSync ticks come from the queue’s scheduler, and a tick never starts a run while one is going', async () => {
    const { session, id } = await connectedAccount('imports.autosync.ticks@acme-msp.test');
    expect(
      (await saveSettings(server, session, id, { autoSyncMinutes: 30, appendAccountNumber: true })).body.errors,
    ).toBeUndefined();
    // Time passes faster here: the same schedule, ticking every 300 ms instead of every 30 minutes.
    intuit.controls.delayQbo(1500, 2, { pathIncludes: 'batch' });
    await server.app.queue.upsertSchedule(autoSyncKey(id), 300, JOB_AUTOSYNC, { configurationId: id });
    const nothingNewTicks = () =>
      server.logs
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { event?: string; configurationId?: string; outcome?: string })
        .filter((entry) => entry.event === 'import.autosync' && entry.configurationId === id)
        .filter((entry) => entry.outcome === 'nothing-new').length;
    const seen = new Map<string, RunView>();
    let mostActiveAtOnce = 0;
    const started = Date.now();
    for (;;) {
      const runs = (await gql<{ importRuns: RunView[] }>(server.url, IMPORT.runs, { id }, session)).body.data
        ?.importRuns;
      for (const run of runs ?? []) seen.set(run.id, run);
      const active = (runs ?? []).filter((run) => run.status === 'QUEUED' || run.status === 'RUNNING').length;
      mostActiveAtOnce = Math.max(mostActiveAtOnce, active);
      const finished = [...seen.values()].some((run) => run.status === 'SUCCEEDED');
      // Done once the scheduler has ticked twice more after the run and each tick found nothing new to import.
      if (finished && nothingNewTicks() >= 2) break;
      if (Date.now() - started > 60_000) throw new Error('AutoSync did not import on its schedule');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await server.app.queue.removeSchedule(autoSyncKey(id));
    expect(mostActiveAtOnce).toBe(1);
    // One run imported everything; the ticks after it found nothing new and started none.
    expect([...seen.values()]).toEqual([
      expect.objectContaining({ trigger: 'AUTOSYNC', status: 'SUCCEEDED', succeeded: 60 }),
    ]);
  });
});
