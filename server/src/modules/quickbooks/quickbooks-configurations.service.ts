import type { EntityManager } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { badInput, type DomainError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { parseName } from '../../lib/names';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { newConfiguration, type QuickBooksConfigurationStore } from './quickbooks-configuration.store';
import { configurationView } from './quickbooks-configuration.view';
import type { QuickBooksConfiguration } from './quickbooks.types';

export interface ConfigurationsServiceDeps {
  store: Pick<
    QuickBooksConfigurationStore,
    'listOf' | 'viewsOf' | 'find' | 'require' | 'insert' | 'insertDefault' | 'nameTaken' | 'rename' | 'delete'
  >;
  connectWise: { assertConnected(accountId: string): Promise<void> };
  /** Revokes and forgets a configuration's connection before it is deleted. */
  disconnect(record: QuickBooksConfigurationRecord): Promise<void>;
  clock: Clock;
  logger: Logger;
}

const MAX_CONFIGURATIONS = 25;

/** The QuickBooks Online configurations of an account: list, read, add, rename, delete (docs/product.md §5). */
export class QuickBooksConfigurationsService {
  constructor(private readonly deps: ConfigurationsServiceDeps) {}

  /** Every configuration of the account, Default first; a pure read, as read-only API tokens call it. */
  async list(accountId: string): Promise<QuickBooksConfiguration[]> {
    const records = await this.deps.store.viewsOf(accountId);
    const now = this.deps.clock.now();
    return records.map((record) => configurationView(record, now));
  }

  async get(accountId: string, id: string): Promise<QuickBooksConfiguration | null> {
    const record = await this.deps.store.find(accountId, id);
    return record ? configurationView(record, this.deps.clock.now()) : null;
  }

  /** Every verified account has a Default configuration: created in the transaction that verifies it. */
  createDefault(accountId: string, manager: EntityManager): Promise<void> {
    return this.deps.store.insertDefault(accountId, this.deps.clock.now(), manager);
  }

  async add(accountId: string, rawName: string): Promise<QuickBooksConfiguration> {
    const { name, key } = parseName(rawName);
    await this.deps.connectWise.assertConnected(accountId);
    const existing = await this.deps.store.listOf(accountId);
    if (existing.length >= MAX_CONFIGURATIONS) {
      throw badInput('name', `An account can have at most ${MAX_CONFIGURATIONS} QuickBooks Online companies.`);
    }
    assertNameFree(existing, key);
    const now = this.deps.clock.now();
    const record = newConfiguration({ accountId, name, nameKey: key, isDefault: false, now });
    try {
      await this.deps.store.insert(record);
    } catch (error) {
      // A parallel add with the same name won the unique index.
      if (await this.deps.store.nameTaken(accountId, key)) throw nameTaken(name);
      throw error;
    }
    this.deps.logger.info({ event: 'quickbooks.configuration_added', accountId, configurationId: record.id }, 'added');
    return configurationView(record, now);
  }

  async rename(accountId: string, id: string, rawName: string): Promise<QuickBooksConfiguration> {
    const { name, key } = parseName(rawName);
    const record = await this.deps.store.require(accountId, id);
    if (record.isDefault) throw badInput('id', 'The Default configuration keeps its name.');
    if (record.nameKey !== key) assertNameFree(await this.deps.store.listOf(accountId), key);
    const now = this.deps.clock.now();
    try {
      await this.deps.store.rename(accountId, record.id, name, key, now);
    } catch (error) {
      if (await this.deps.store.nameTaken(accountId, key, record.id)) throw nameTaken(name);
      throw error;
    }
    return configurationView({ ...record, name }, now);
  }

  /** Revokes the tokens at Intuit first, then deletes the configuration (never the Default one). */
  async remove(accountId: string, id: string): Promise<boolean> {
    const record = await this.deps.store.require(accountId, id);
    if (record.isDefault) throw badInput('id', 'The Default configuration cannot be deleted.');
    await this.deps.disconnect(record);
    await this.deps.store.delete(accountId, record.id);
    this.deps.logger.info(
      { event: 'quickbooks.configuration_deleted', accountId, configurationId: record.id },
      'deleted',
    );
    return true;
  }
}

function assertNameFree(records: QuickBooksConfigurationRecord[], key: string): void {
  const taken = records.find((r) => r.nameKey === key);
  if (taken) throw nameTaken(taken.name);
}

function nameTaken(name: string): DomainError {
  return badInput('name', `You already have a QuickBooks Online company named "${name}". Choose another name.`);
}
