import { ManualClock } from '../../lib/clock';
import { createLogger } from '../../lib/logger';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { DEFAULT_CONFIGURATION_NAME, newConfiguration } from './quickbooks-configuration.store';
import { configurationNotFound } from './quickbooks-errors';
import { QuickBooksConfigurationsService, type ConfigurationsServiceDeps } from './quickbooks-configurations.service';

/** Configuration names as the service applies them, over an in-memory store (the SQL one: integration tests). */

const ACCOUNT = 'account-1';

function setUp(names: string[] = []) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const rows: QuickBooksConfigurationRecord[] = [
    newConfiguration({
      accountId: ACCOUNT,
      name: DEFAULT_CONFIGURATION_NAME,
      nameKey: 'default',
      isDefault: true,
      now: clock.now(),
    }),
    ...names.map((name) =>
      newConfiguration({ accountId: ACCOUNT, name, nameKey: name.toLowerCase(), isDefault: false, now: clock.now() }),
    ),
  ];
  const disconnected: string[] = [];
  const mine = (accountId: string) => rows.filter((row) => row.accountId === accountId);
  const find = async (accountId: string, id: string) => mine(accountId).find((row) => row.id === id) ?? null;
  const store: ConfigurationsServiceDeps['store'] = {
    listOf: async (accountId) => mine(accountId),
    viewsOf: async (accountId) => mine(accountId),
    find,
    require: async (accountId, id) => {
      const row = await find(accountId, id);
      if (!row) throw configurationNotFound();
      return row;
    },
    insert: async (record) => {
      // The unique (account, nameKey) index.
      if (rows.some((row) => row.accountId === record.accountId && row.nameKey === record.nameKey)) {
        throw new Error('UNIQUE constraint failed');
      }
      rows.push(record);
    },
    insertDefault: async () => undefined,
    nameTaken: async (accountId, nameKey, exceptId) =>
      mine(accountId).some((row) => row.nameKey === nameKey && row.id !== exceptId),
    rename: async (accountId, id, name, nameKey) => {
      const row = rows.find((r) => r.accountId === accountId && r.id === id);
      if (row) Object.assign(row, { name, nameKey });
    },
    delete: async (accountId, id) => {
      const index = rows.findIndex((r) => r.accountId === accountId && r.id === id);
      if (index >= 0) rows.splice(index, 1);
    },
  };
  const service = new QuickBooksConfigurationsService({
    store,
    connectWise: { assertConnected: async () => undefined },
    disconnect: async (record) => {
      disconnected.push(record.id);
    },
    clock,
    logger: createLogger({ level: 'silent' }),
  });
  const idOf = (name: string) => (rows.find((row) => row.name === name) as QuickBooksConfigurationRecord).id;
  return { service, rows, idOf, disconnected };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('accepted');
    },
    (error: { code: string; field?: string; message: string }) => ({
      code: error.code,
      field: error.field,
      message: error.message,
    }),
  );

describe('QuickBooks configuration names', () => {
  it('adds a configuration under its trimmed name', async () => {
    const { service, rows } = setUp();
    const added = await service.add(ACCOUNT, '  EMEA  ');
    expect(added).toMatchObject({ name: 'EMEA', isDefault: false });
    expect(rows.map((row) => [row.name, row.nameKey])).toEqual([
      ['Default', 'default'],
      ['EMEA', 'emea'],
    ]);
  });

  it('refuses a name the account already uses, whatever its case, naming the existing one', async () => {
    const { service } = setUp(['EMEA']);
    await expect(refusal(service.add(ACCOUNT, 'emea'))).resolves.toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
      message: 'You already have a QuickBooks Online company named "EMEA". Choose another name.',
    });
    await expect(refusal(service.add(ACCOUNT, 'DEFAULT'))).resolves.toMatchObject({
      message: 'You already have a QuickBooks Online company named "Default". Choose another name.',
    });
  });

  it('refuses an invalid name before anything else', async () => {
    const { service } = setUp();
    await expect(refusal(service.add(ACCOUNT, ' '))).resolves.toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
      message: 'Enter a name (1–50 characters).',
    });
    await expect(refusal(service.add(ACCOUNT, 'EMEA\nWest'))).resolves.toMatchObject({ field: 'name' });
  });

  it('allows at most 25 configurations per account', async () => {
    const { service } = setUp(Array.from({ length: 24 }, (_, i) => `Company ${i + 1}`));
    await expect(refusal(service.add(ACCOUNT, 'One too many'))).resolves.toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
      message: 'An account can have at most 25 QuickBooks Online companies.',
    });
  });

  it('renames, including to another case of its own name, but never onto another configuration’s name', async () => {
    const { service, idOf } = setUp(['EMEA', 'APAC']);
    await expect(service.rename(ACCOUNT, idOf('EMEA'), 'Emea')).resolves.toMatchObject({ name: 'Emea' });
    await expect(refusal(service.rename(ACCOUNT, idOf('Emea'), 'apac'))).resolves.toMatchObject({
      field: 'name',
      message: 'You already have a QuickBooks Online company named "APAC". Choose another name.',
    });
  });

  it('keeps the Default configuration’s name, and never deletes it', async () => {
    const { service, idOf, disconnected } = setUp();
    await expect(refusal(service.rename(ACCOUNT, idOf('Default'), 'Main'))).resolves.toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
      message: 'The Default configuration keeps its name.',
    });
    await expect(refusal(service.remove(ACCOUNT, idOf('Default')))).resolves.toMatchObject({
      message: 'The Default configuration cannot be deleted.',
    });
    expect(disconnected).toEqual([]);
  });

  it('frees a deleted configuration’s name (after disconnecting it)', async () => {
    const { service, idOf, disconnected } = setUp(['EMEA']);
    const id = idOf('EMEA');
    await expect(service.remove(ACCOUNT, id)).resolves.toBe(true);
    expect(disconnected).toEqual([id]);
    await expect(service.add(ACCOUNT, 'EMEA')).resolves.toMatchObject({ name: 'EMEA' });
  });

  it('reads another account’s configuration as missing', async () => {
    const { service, idOf } = setUp(['EMEA']);
    await expect(refusal(service.rename('account-2', idOf('EMEA'), 'Mine'))).resolves.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
