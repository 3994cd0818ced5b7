import { ManualClock } from '../../lib/clock';
import { createLogger } from '../../lib/logger';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { newConfiguration, type ReminderColumn } from './quickbooks-configuration.store';
import { QuickBooksConnectionChecker, type CheckerDeps } from './quickbooks-checker';
import { quickBooksUnavailable } from './quickbooks-errors';
import type { AccessTokenOptions } from './quickbooks-token-manager';

/**
 * One pass of the background checker over in-memory rows that answer the store's queries as the SQL does
 * (docs/token-manager.md §1): retire past the date, remind at 14 and 3 days, validate stale connections,
 * keep refresh tokens alive. The periods come from config.intuit.checker.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const VALIDATE_EVERY = 10 * MINUTE;
const KEEP_ALIVE = 30 * DAY;

type Row = QuickBooksConfigurationRecord;

function setUp(rows: Array<(now: Date) => Partial<Row>>) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const now = clock.now();
  const table: Row[] = rows.map((columns, i) => ({
    ...newConfiguration({ accountId: 'account-1', name: `C${i}`, nameKey: `c${i}`, isDefault: i === 0, now }),
    state: 'CONNECTED',
    realmId: `realm-${i}`,
    refreshTokenSealed: 'sealed',
    connectedAt: now,
    checkedAt: now,
    reconnectBy: new Date(now.getTime() + 150 * DAY),
    refreshTokenExpiresAt: new Date(now.getTime() + 90 * DAY),
    tokenVersion: 1,
    ...columns(now),
  }));
  // Copies, like rows read from the database.
  const connected = () => table.filter((row) => row.state === 'CONNECTED').map((row) => ({ ...row }));
  const before = (date: Date | null, limit: Date) => date !== null && date.getTime() <= limit.getTime();
  const calls = {
    retired: [] as string[],
    validated: [] as string[],
    tokens: [] as Array<{ id: string; options: AccessTokenOptions | undefined }>,
    reminders: [] as Array<{ id: string; daysLeft: number }>,
  };
  const failing = new Set<string>();
  const deps: CheckerDeps = {
    store: {
      connectedPastDeadline: async (at) => connected().filter((row) => before(row.reconnectBy, at)),
      reminderDue: async (column: ReminderColumn, at) =>
        connected().filter((row) => before(row.reconnectBy, at) && row[column] === null),
      checkedBefore: async (at) =>
        connected().filter((row) => row.checkedAt === null || row.checkedAt.getTime() < at.getTime()),
      refreshTokenExpiringBefore: async (at, now) =>
        connected().filter(
          (row) => before(row.refreshTokenExpiresAt, at) && (row.reconnectBy as Date).getTime() > now.getTime(),
        ),
      claimReminder: async (record, column, at) => {
        const row = table.find((r) => r.id === record.id) as Row;
        if (row[column] !== null || row.tokenVersion !== record.tokenVersion) return false;
        row[column] = at;
        return true;
      },
      skipReminder14: async (id, at) => {
        const row = table.find((r) => r.id === id) as Row;
        row.reminder14SentAt ??= at;
      },
      releaseReminder: async (id, column) => {
        (table.find((r) => r.id === id) as Row)[column] = null;
      },
    },
    clock,
    connection: {
      validate: async (id) => {
        calls.validated.push(id);
        if (failing.has(id)) throw new Error('database hiccup');
        (table.find((r) => r.id === id) as Row).checkedAt = clock.now();
        return undefined;
      },
    },
    tokens: {
      retireIfPastDeadline: async (record) => {
        calls.retired.push(record.id);
        (table.find((r) => r.id === record.id) as Row).state = 'LOST';
        return true;
      },
      accessToken: async (id, options) => {
        calls.tokens.push({ id, options });
        if (failing.has(id)) throw quickBooksUnavailable('INTUIT_UNAVAILABLE');
        const row = table.find((r) => r.id === id) as Row;
        row.tokenVersion += 1;
        row.refreshTokenExpiresAt = new Date(clock.now().getTime() + 100 * DAY);
        return { accessToken: 'access', realmId: row.realmId as string, tokenVersion: row.tokenVersion };
      },
    },
    notifications: {
      sendReconnectReminder: async (record, _reconnectBy, daysLeft) => {
        if (failing.has(record.id)) throw new Error('SendGrid down');
        calls.reminders.push({ id: record.id, daysLeft });
        return true;
      },
    },
    logger: createLogger({ level: 'silent' }),
    validateEveryMs: VALIDATE_EVERY,
    keepAliveWithinMs: KEEP_ALIVE,
  };
  return { checker: new QuickBooksConnectionChecker(deps), clock, table, calls, failing };
}

describe('QuickBooksConnectionChecker', () => {
  it('validates connections last checked more than validateEveryMs ago (or never), and only those', async () => {
    const { checker, table, calls } = setUp([
      (now) => ({ checkedAt: new Date(now.getTime() - VALIDATE_EVERY - 1) }),
      (now) => ({ checkedAt: new Date(now.getTime() - VALIDATE_EVERY + 1) }),
      () => ({ checkedAt: null }),
      (now) => ({ state: 'LOST', checkedAt: new Date(now.getTime() - DAY) }),
    ]);

    await expect(checker.runOnce()).resolves.toMatchObject({ validated: 2 });
    expect(calls.validated).toEqual([table[0]?.id, table[2]?.id]);

    // Just validated: the next pass leaves them alone.
    await expect(checker.runOnce()).resolves.toMatchObject({ validated: 0 });
  });

  it('refreshes refresh tokens whose rolling window ends within keepAliveWithinMs, asking for that window', async () => {
    const { checker, table, calls } = setUp([
      (now) => ({ refreshTokenExpiresAt: new Date(now.getTime() + KEEP_ALIVE) }),
      (now) => ({ refreshTokenExpiresAt: new Date(now.getTime() + KEEP_ALIVE + 1) }),
    ]);

    await expect(checker.runOnce()).resolves.toMatchObject({ refreshed: 1 });
    expect(calls.tokens).toEqual([{ id: table[0]?.id, options: { refreshTokenWithinMs: KEEP_ALIVE } }]);
  });

  it('retires connections on or past their reconnect date', async () => {
    const { checker, table, calls } = setUp([(now) => ({ reconnectBy: now }), () => ({})]);

    await expect(checker.runOnce()).resolves.toMatchObject({ retired: 1 });
    expect(calls.retired).toEqual([table[0]?.id]);
  });

  it('sends the 14-day and the 3-day reminder once each, never the 14-day one after the 3-day one', async () => {
    const { checker, table, calls, clock } = setUp([
      (now) => ({ reconnectBy: new Date(now.getTime() + 14 * DAY) }),
      (now) => ({ reconnectBy: new Date(now.getTime() + 2 * DAY + MINUTE) }),
    ]);
    const [fortnight, soon] = table as [Row, Row];

    await expect(checker.runOnce()).resolves.toMatchObject({ reminders: 2 });
    expect(calls.reminders).toEqual([
      { id: soon.id, daysLeft: 3 },
      { id: fortnight.id, daysLeft: 14 },
    ]);
    expect(soon.reminder14SentAt).not.toBeNull();

    await expect(checker.runOnce()).resolves.toMatchObject({ reminders: 0 });

    // Eleven days on, the first one is inside 3 days: its second reminder.
    clock.advance(11 * DAY);
    await checker.runOnce();
    expect(calls.reminders.slice(2)).toEqual([{ id: fortnight.id, daysLeft: 3 }]);
  });

  it('gives a reminder it could not send back, so the next pass tries again', async () => {
    const { checker, table, calls, failing } = setUp([(now) => ({ reconnectBy: new Date(now.getTime() + 10 * DAY) })]);
    const row = table[0];
    failing.add(row.id);

    await expect(checker.runOnce()).resolves.toMatchObject({ reminders: 0 });
    expect(row.reminder14SentAt).toBeNull();

    failing.delete(row.id);
    await expect(checker.runOnce()).resolves.toMatchObject({ reminders: 1 });
    expect(calls.reminders).toEqual([{ id: row.id, daysLeft: 10 }]);
  });

  it('keeps going when one configuration fails', async () => {
    const { checker, table, calls, failing } = setUp([() => ({ checkedAt: null }), () => ({ checkedAt: null })]);
    failing.add(table[0].id);

    await expect(checker.runOnce()).resolves.toMatchObject({ validated: 2 });
    expect(calls.validated).toEqual([table[0]?.id, table[1]?.id]);
    expect(table[1]?.checkedAt).not.toBeNull();
  });

  it('shares a pass in progress between overlapping calls', async () => {
    const { checker, calls } = setUp([() => ({ checkedAt: null })]);
    const [a, b] = await Promise.all([checker.runOnce(), checker.runOnce()]);
    expect(a).toBe(b);
    expect(calls.validated).toHaveLength(1);
  });
});
