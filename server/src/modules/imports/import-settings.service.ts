import type { DataSource, Repository } from 'typeorm';
import type { QboAccount, QboTaxCode } from '../../integrations/intuit/types';
import type { Clock } from '../../lib/clock';
import { badInput } from '../../lib/errors';
import { QboError } from '../../integrations/intuit/qbo-client';
import type { QuickBooksAccess } from './import.ports';
import type { RealmPacers } from './realm-pacer';
import { quickBooksProblem } from './vendor-problems';
import { ImportSettingsRecord } from './import-settings.entity';
import type { ImportMappingOptions, ImportSettings, ImportSettingsInput } from './import.types';

/** QBO US sales tax: lines are marked with these two pseudo-codes (docs/vendors/quickbooks-online.md). */
export const US_TAX_CODES = [
  { id: 'TAX', name: 'TAX (taxable)' },
  { id: 'NON', name: 'NON (non-taxable)' },
];
const DEFAULT_INCOME_ACCOUNT = 'Services';
/** QBO's 10-requests-per-second window, plus margin. */
const ONE_SECOND_WINDOW_MS = 1_100;

export type EffectiveSettings = Omit<ImportSettingsRecord, 'configuration'>;

/** What the run uses after the mappings check: the QBO references themselves. */
export interface CheckedMappings {
  incomeAccount: { value: string; name: string };
  taxableTaxCode: string;
  nonTaxableTaxCode: string;
}

export function defaultSettings(configurationId: string, accountId: string, now: Date): EffectiveSettings {
  return {
    configurationId,
    accountId,
    incomeAccountId: null,
    taxableTaxCode: 'TAX',
    nonTaxableTaxCode: 'NON',
    appendAccountNumber: false,
    markExported: false,
    autoSyncMinutes: 0,
    lastAutoSyncAt: null,
    updatedAt: now,
  };
}

/** Validates the mappings against the QBO company's own accounts and tax codes (docs/imports.md §3.4). */
export function checkMappings(
  settings: Pick<EffectiveSettings, 'incomeAccountId' | 'taxableTaxCode' | 'nonTaxableTaxCode'>,
  accounts: QboAccount[],
  taxCodes: QboTaxCode[],
): { ok: true; mappings: CheckedMappings } | { ok: false; field: string; message: string } {
  const income = accounts.filter((account) => account.Active !== false);
  const incomeAccount = settings.incomeAccountId
    ? income.find((account) => account.Id === settings.incomeAccountId)
    : (income.find((account) => account.Name === DEFAULT_INCOME_ACCOUNT) ?? income[0]);
  if (!incomeAccount) {
    return {
      ok: false,
      field: 'incomeAccountId',
      message: settings.incomeAccountId
        ? 'The income account chosen in the mappings no longer exists (or is inactive) in QuickBooks Online. Choose another one.'
        : 'This QuickBooks Online company has no active Income account for the items Mobius creates. Add one in QuickBooks.',
    };
  }
  const known = new Set([
    ...US_TAX_CODES.map((code) => code.id),
    ...taxCodes.filter((code) => code.Active !== false).map((code) => code.Id),
  ]);
  for (const [field, value, label] of [
    ['taxableTaxCode', settings.taxableTaxCode, 'taxable'],
    ['nonTaxableTaxCode', settings.nonTaxableTaxCode, 'non-taxable'],
  ] as const) {
    if (!known.has(value)) {
      return {
        ok: false,
        field,
        message: `The tax code for ${label} lines no longer exists (or is inactive) in QuickBooks Online. Choose another one in the mappings.`,
      };
    }
  }
  return {
    ok: true,
    mappings: {
      incomeAccount: { value: incomeAccount.Id, name: incomeAccount.Name },
      taxableTaxCode: settings.taxableTaxCode,
      nonTaxableTaxCode: settings.nonTaxableTaxCode,
    },
  };
}

export interface SettingsDeps {
  dataSource: DataSource;
  clock: Clock;
  quickBooks: QuickBooksAccess;
  /** The same pacing as the company's imports, so reading options never trips QBO's per-second limit. */
  pacers: RealmPacers;
  /** Keeps the configuration's AutoSync schedule in line with its setting. */
  onAutoSyncChanged(configurationId: string, minutes: number): Promise<void>;
}

/** A configuration's mappings and AutoSync (docs/imports.md §1). */
export class ImportSettingsService {
  private readonly records: Repository<ImportSettingsRecord>;

  constructor(private readonly deps: SettingsDeps) {
    this.records = deps.dataSource.getRepository(ImportSettingsRecord);
  }

  /** The stored settings or the defaults (nothing is written by a read). */
  async effective(configurationId: string, accountId: string): Promise<EffectiveSettings> {
    const record = await this.records.findOneBy({ configurationId });
    return record ?? defaultSettings(configurationId, accountId, this.deps.clock.now());
  }

  stored(configurationId: string): Promise<ImportSettingsRecord | null> {
    return this.records.findOneBy({ configurationId });
  }

  async get(accountId: string, configurationId: string): Promise<ImportSettings> {
    await this.deps.quickBooks.requireConfiguration(accountId, configurationId);
    return this.view(await this.effective(configurationId, accountId));
  }

  async mappingOptions(accountId: string, configurationId: string): Promise<ImportMappingOptions> {
    const { accounts, taxCodes } = await this.readQuickBooks(accountId, configurationId);
    const codes = taxCodes
      .filter((code) => code.Active !== false)
      .map((code) => ({ id: code.Id, name: code.Name }))
      .filter((code) => !US_TAX_CODES.some((us) => us.id === code.id));
    return {
      incomeAccounts: accounts
        .filter((account) => account.Active !== false)
        .map((account) => ({ id: account.Id, name: account.Name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      taxCodes: [...US_TAX_CODES, ...codes.sort((a, b) => a.name.localeCompare(b.name))],
    };
  }

  /** Checked against QuickBooks before it is stored: a mapping names something the company has. */
  async save(accountId: string, input: ImportSettingsInput): Promise<ImportSettings> {
    const configurationId = input.configurationId;
    const { accounts, taxCodes } = await this.readQuickBooks(accountId, configurationId);
    const incomeAccountId = input.incomeAccountId ?? null;
    const checked = checkMappings(
      { incomeAccountId, taxableTaxCode: input.taxableTaxCode, nonTaxableTaxCode: input.nonTaxableTaxCode },
      accounts,
      taxCodes,
    );
    if (!checked.ok) throw badInput(checked.field, checked.message);
    const current = await this.effective(configurationId, accountId);
    const next: EffectiveSettings = {
      ...current,
      accountId,
      incomeAccountId,
      taxableTaxCode: input.taxableTaxCode,
      nonTaxableTaxCode: input.nonTaxableTaxCode,
      appendAccountNumber: input.appendAccountNumber,
      markExported: input.markExported,
      autoSyncMinutes: input.autoSyncMinutes,
      updatedAt: this.deps.clock.now(),
    };
    await this.records.save(next);
    if (current.autoSyncMinutes !== next.autoSyncMinutes) {
      await this.deps.onAutoSyncChanged(configurationId, next.autoSyncMinutes);
    }
    return this.view(next);
  }

  async recordAutoSync(configurationId: string, at: Date): Promise<void> {
    await this.records.update({ configurationId }, { lastAutoSyncAt: at });
  }

  /** Configurations with AutoSync on (to restore their schedules at start). */
  autoSyncing(): Promise<ImportSettingsRecord[]> {
    return this.records.createQueryBuilder('s').where('s.autoSyncMinutes > 0').getMany();
  }

  /** The company's Income accounts and tax codes; one 429 (QBO's per-second limit) is waited out. */
  private async readQuickBooks(accountId: string, configurationId: string) {
    const { realmId } = await this.deps.quickBooks.requireConnected(accountId, configurationId);
    const pacer = this.deps.pacers.for(realmId);
    const read = () =>
      this.deps.quickBooks.withClient(accountId, configurationId, async (client) => {
        await pacer.request();
        const accounts = await client.listAccounts({ AccountType: 'Income' });
        await pacer.request();
        return { accounts, taxCodes: await client.listTaxCodes() };
      });
    try {
      try {
        return await read();
      } catch (error) {
        if (!(error instanceof QboError) || error.kind !== 'THROTTLED') throw error;
        await new Promise((resolve) => setTimeout(resolve, ONE_SECOND_WINDOW_MS));
        return await read();
      }
    } catch (error) {
      throw quickBooksProblem(error) ?? error;
    }
  }

  private view(settings: EffectiveSettings): ImportSettings {
    const minutes = settings.autoSyncMinutes;
    const from = settings.lastAutoSyncAt ?? settings.updatedAt;
    return {
      configurationId: settings.configurationId,
      incomeAccountId: settings.incomeAccountId,
      taxableTaxCode: settings.taxableTaxCode,
      nonTaxableTaxCode: settings.nonTaxableTaxCode,
      appendAccountNumber: settings.appendAccountNumber,
      markExported: settings.markExported,
      autoSyncMinutes: minutes,
      lastAutoSyncAt: settings.lastAutoSyncAt,
      nextAutoSyncAt: minutes > 0 ? new Date(from.getTime() + minutes * 60_000) : null,
    };
  }
}
