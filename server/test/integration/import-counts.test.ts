import { randomUUID } from 'node:crypto';
import { systemClock } from '../../src/lib/clock';
import { ImportStore, type PlannedItem } from '../../src/modules/imports/import.store';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases';

/**
 * A run's counters are recounted from its items in the transaction that commits QuickBooks' answers
 * (docs/imports.md §2). Two batches commit at once (one is committed while the next is sent): on
 * MySQL each transaction must count what the other committed, or a finished run reports fewer
 * invoices than it imported (found by the SIGKILL test on a loaded machine: 112 of 142 counted).
 */
const ITEMS = 120;
const BATCH = 6;

describe.each(testDialects)('import run counters under concurrent commits, on %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('equal the items committed by overlapping transactions', async () => {
    const now = new Date();
    const accountId = randomUUID();
    const configurationId = randomUUID();
    const insert = (table: string, values: Record<string, unknown>) =>
      db.dataSource.createQueryBuilder().insert().into(table).values(values).execute();
    await insert('accounts', {
      id: accountId,
      email: `${accountId}@example.com`,
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    });
    await insert('quickbooks_configurations', {
      id: configurationId,
      accountId,
      name: 'Default',
      nameKey: 'default',
      isDefault: true,
      tokenVersion: 0,
      state: 'NOT_CONNECTED',
      createdAt: now,
      updatedAt: now,
    });
    const store = new ImportStore(db.dataSource, systemClock);
    const run = await store.createRun({
      accountId,
      configurationId,
      realmId: '9130350000000001',
      source: 'USER',
      requestedBy: accountId,
      retryOfRunId: null,
      requestedInvoiceIds: null,
      markExported: false,
    });
    const planned: PlannedItem[] = Array.from({ length: ITEMS }, (_, index) => ({
      psaInvoiceId: 1000 + index,
      invoiceNumber: `INV-${1000 + index}`,
      companyName: 'Big Design',
      invoiceType: 'Standard',
      invoiceDate: '2026-11-01',
      totalCents: 10_000,
      currency: 'USD',
      status: 'PENDING',
    }));
    await store.writePlan(run.id, planned);
    const items = await store.unfinishedItems(run.id);
    expect(items).toHaveLength(ITEMS);

    const batches: (typeof items)[] = [];
    for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
    await Promise.all(
      batches.map((batch, index) =>
        store.commitOutcomes(
          run,
          batch.map((item, position) =>
            index % 5 === 0 && position === 0
              ? { itemId: item.id, status: 'FAILED' as const, message: 'Duplicate Name Exists', faultCode: '6240' }
              : {
                  itemId: item.id,
                  status: 'SUCCEEDED' as const,
                  qboEntity: 'Invoice' as const,
                  qboId: `${item.position}`,
                },
          ),
        ),
      ),
    );

    const failed = batches.filter((_, index) => index % 5 === 0).length;
    const counted = await store.getRun(run.id);
    expect(counted).toMatchObject({ total: ITEMS, succeeded: ITEMS - failed, failed, skipped: 0 });
    expect(await store.unfinishedItems(run.id)).toHaveLength(0);
  });
});
