import { randomUUID } from 'node:crypto';
import { Account, AccountReads } from '../../src/modules/account';
import { SessionRecord } from '../../src/modules/auth/session.entity';
import { SessionStore } from '../../src/modules/auth/session-store';
import {
  newConfiguration,
  QuickBooksConfigurationStore,
} from '../../src/modules/quickbooks/quickbooks-configuration.store';
import { createTestDatabase, testDialects } from '../support/databases';

/** The hot path's prepared reads (src/db/lean-table.ts) give exactly what the repositories give. */
describe.each(testDialects)('lean reads on %s', (dialect) => {
  it('read an account and its configurations with the same values and types as TypeORM', async () => {
    const db = await createTestDatabase(dialect);
    try {
      const ds = db.dataSource;
      const created = new Date('2026-03-04T05:06:07.891Z');
      const account = Object.assign(new Account(), {
        id: randomUUID(),
        email: 'owner@acme-msp.test',
        name: 'Ada Owner',
        companyName: null,
        passwordHash: null,
        emailVerifiedAt: new Date('2026-03-04T05:07:00.123Z'),
        tokenVersion: 3,
        createdAt: created,
        updatedAt: created,
      });
      await ds.getRepository(Account).insert(account);
      const store = new QuickBooksConfigurationStore(ds);
      const base = newConfiguration({
        accountId: account.id,
        name: 'Default',
        nameKey: 'default',
        isDefault: true,
        now: created,
      });
      const second = {
        ...newConfiguration({
          accountId: account.id,
          name: 'Northwind',
          nameKey: 'northwind',
          isDefault: false,
          now: new Date(created.getTime() + 1),
        }),
        realmId: '9130357000000002',
        companyName: 'Northwind Traders',
        state: 'CONNECTED' as const,
        refreshTokenSealed: 'v1.sealed',
        connectedAt: new Date('2026-05-06T07:08:09.010Z'),
        reconnectBy: new Date('2026-11-02T07:08:09.010Z'),
        checkedAt: new Date('2026-05-07T00:00:00.000Z'),
        lastErrorCode: 'QBO_THROTTLED',
      };
      await store.insert(second);
      await store.insert(base);

      const read = await new AccountReads(ds).byId(account.id);
      expect(read).toBeInstanceOf(Account);
      expect(read?.emailVerified).toBe(true);
      expect(read).toEqual(await ds.getRepository(Account).findOneBy({ id: account.id }));
      expect(await new AccountReads(ds).byId(randomUUID())).toBeNull();

      const views = await store.viewsOf(account.id);
      const full = await store.listOf(account.id);
      expect(views.map((v) => v.name)).toEqual(['Default', 'Northwind']);
      for (const [i, view] of views.entries()) {
        const record = full[i];
        for (const [key, value] of Object.entries(view))
          expect([key, value]).toEqual([key, record[key as keyof typeof record]]);
      }
      expect(views[1]?.isDefault).toBe(false);
      expect(views[0]?.isDefault).toBe(true);
      expect(views[1]?.connectedAt).toEqual(second.connectedAt);
    } finally {
      await db.destroy();
    }
  });

  it('read a session joined to its account in one query, with the account as TypeORM reads it', async () => {
    const db = await createTestDatabase(dialect);
    try {
      const ds = db.dataSource;
      const now = new Date('2026-03-04T05:06:07.891Z');
      let clockNow = now;
      const clock = { now: () => clockNow };
      const account = Object.assign(new Account(), {
        id: randomUUID(),
        email: 'sessions@acme-msp.test',
        name: null,
        companyName: 'Acme',
        passwordHash: null,
        emailVerifiedAt: now,
        tokenVersion: 2,
        createdAt: now,
        updatedAt: now,
      });
      await ds.getRepository(Account).insert(account);
      const store = new SessionStore(ds, clock);
      const id = store.newId();
      await store.start(
        account,
        { ip: '203.0.113.5', userAgent: 'curl/8.4.0' },
        id,
        new Date(now.getTime() + 3600_000),
      );

      const query = jest.spyOn(ds, 'query');
      const read = await store.live(id, account.id);
      expect(query).toHaveBeenCalledTimes(1);
      query.mockRestore();
      expect(read).toBeInstanceOf(Account);
      expect(read).toEqual(await ds.getRepository(Account).findOneBy({ id: account.id }));
      expect(await store.live(id, randomUUID())).toBeNull();
      expect(await store.live(randomUUID(), account.id)).toBeNull();

      // Ten minutes on, the request notes the session as seen; an hour on, it has expired.
      clockNow = new Date(now.getTime() + 10 * 60_000);
      expect(await store.live(id, account.id)).not.toBeNull();
      expect((await ds.getRepository(SessionRecord).findOneByOrFail({ id })).lastSeenAt).toEqual(clockNow);
      clockNow = new Date(now.getTime() + 3600_000);
      expect(await store.live(id, account.id)).toBeNull();
    } finally {
      await db.destroy();
    }
  });
});
