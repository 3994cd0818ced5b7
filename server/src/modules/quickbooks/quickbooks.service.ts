import { randomUUID } from 'node:crypto';
import { Not, type DataSource, type Repository } from 'typeorm';
import type { ConnectionStatus } from '../../graphql/connection-status';
import { IntuitAuthError, type IntuitOAuth, type TokenSet } from '../../integrations/intuit/oauth';
import { QboClient, QboError } from '../../integrations/intuit/qbo-client';
import type { BackgroundTasks } from '../../lib/background';
import type { Clock } from '../../lib/clock';
import { hmacSha256Hex, randomToken } from '../../lib/crypto';
import { badInput, DomainError, ErrorCode, rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { Account } from '../account/account.entity';
import type { MailService } from '../mail/mail.service';
import { parseName } from './configuration-name';
import { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { configurationNotFound } from './quickbooks-errors';
import { connectionLostTemplate } from './quickbooks-emails';
import { QuickBooksOAuthState } from './quickbooks-oauth-state.entity';
import { reasonOf, REASONS, statusOf, type ReasonCode } from './quickbooks-status';
import type { QuickBooksTokenManager } from './quickbooks-token-manager';
import type { AccountConnectionStatus, QuickBooksConfiguration } from './quickbooks.types';

/** The ConnectWise side, as this module needs it (ConnectWiseService provides it). */
export interface ConnectWiseGate {
  assertConnected(accountId: string): Promise<void>;
  getStatus(accountId: string): Promise<ConnectionStatus>;
}

export interface QuickBooksServiceDeps {
  dataSource: DataSource;
  clock: Clock;
  oauth: IntuitOAuth;
  tokens: QuickBooksTokenManager;
  connectWise: ConnectWiseGate;
  mail: MailService;
  background: BackgroundTasks;
  logger: Logger;
  appUrl: string;
  /** QBO_API_BASE_URL. */
  qboBaseUrl: string;
  /** HMAC key for the stored OAuth state digests. */
  stateHmacKey: Buffer;
  qboTimeoutMs?: number;
}

/** Where the callback sends the browser: `connected` or one of these codes (SPEC §2). */
export type CallbackResult =
  | 'connected'
  | 'ACCESS_DENIED'
  | 'INVALID_STATE'
  | 'QUICKBOOKS_REALM_IN_USE'
  | 'QUICKBOOKS_REALM_MISMATCH'
  | 'QUICKBOOKS_CONNECT_FAILED';

export interface CallbackOutcome {
  /** The configuration page to return to; null sends the browser to the dashboard. */
  configurationId: string | null;
  result: CallbackResult;
}

export const DEFAULT_CONFIGURATION_NAME = 'Default';
export const STATE_TTL_MS = 10 * 60 * 1000;
const MAX_CONFIGURATIONS = 25;
const MAX_PENDING_STATES = 20;
const STATE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const REALM_SHAPE = /^\d{1,32}$/;
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** QuickBooks Online configurations, the Intuit OAuth flow and connection checks (SPEC §1.5, §1.7). */
export class QuickBooksService {
  private readonly records: Repository<QuickBooksConfigurationRecord>;
  private readonly states: Repository<QuickBooksOAuthState>;
  private readonly checks = new Map<string, Promise<void>>();

  constructor(private readonly deps: QuickBooksServiceDeps) {
    this.records = deps.dataSource.getRepository(QuickBooksConfigurationRecord);
    this.states = deps.dataSource.getRepository(QuickBooksOAuthState);
  }

  get redirectUri(): string {
    return `${this.deps.appUrl}/oauth/quickbooks/callback`;
  }

  // ---- configurations -------------------------------------------------------------------------

  /** Every configuration of the account, Default first (created here if missing). */
  async list(accountId: string): Promise<QuickBooksConfiguration[]> {
    const records = await this.recordsOf(accountId);
    const now = this.deps.clock.now();
    return records.map((record) => this.view(record, now));
  }

  async get(accountId: string, id: string): Promise<QuickBooksConfiguration | null> {
    const record = await this.find(accountId, id);
    return record ? this.view(record) : null;
  }

  /** DB only, never Intuit: what the dashboard and partner tooling poll. */
  async connectionStatus(accountId: string): Promise<AccountConnectionStatus> {
    const [connectWise, quickBooks] = await Promise.all([
      this.deps.connectWise.getStatus(accountId),
      this.list(accountId),
    ]);
    return { connectWise, quickBooks };
  }

  async add(accountId: string, rawName: string): Promise<QuickBooksConfiguration> {
    const { name, key } = parseName(rawName);
    await this.deps.connectWise.assertConnected(accountId);
    const existing = await this.recordsOf(accountId);
    if (existing.length >= MAX_CONFIGURATIONS) {
      throw badInput('name', `An account can have at most ${MAX_CONFIGURATIONS} QuickBooks Online companies.`);
    }
    this.assertNameFree(existing, key);
    const now = this.deps.clock.now();
    const record = this.newRecord(accountId, name, key, false, now);
    try {
      await this.records.insert(record);
    } catch (error) {
      // A parallel add with the same name won the unique index.
      if (await this.records.existsBy({ accountId, nameKey: key })) throw nameTaken(name);
      throw error;
    }
    this.deps.logger.info({ event: 'quickbooks.configuration_added', accountId, configurationId: record.id }, 'added');
    return this.view(record, now);
  }

  async rename(accountId: string, id: string, rawName: string): Promise<QuickBooksConfiguration> {
    const { name, key } = parseName(rawName);
    const record = await this.require(accountId, id);
    if (record.isDefault) throw badInput('id', 'The Default configuration keeps its name.');
    if (record.nameKey !== key) this.assertNameFree(await this.recordsOf(accountId), key);
    const now = this.deps.clock.now();
    try {
      await this.records.update({ id: record.id, accountId }, { name, nameKey: key, updatedAt: now });
    } catch (error) {
      if (await this.records.existsBy({ accountId, nameKey: key, id: Not(record.id) })) throw nameTaken(name);
      throw error;
    }
    return this.view({ ...record, name, nameKey: key, updatedAt: now });
  }

  /** Revokes the tokens at Intuit first, then deletes the configuration (never the Default one). */
  async remove(accountId: string, id: string): Promise<boolean> {
    const record = await this.require(accountId, id);
    if (record.isDefault) throw badInput('id', 'The Default configuration cannot be deleted.');
    await this.disconnectRecord(record);
    await this.records.delete({ id: record.id, accountId });
    this.deps.logger.info(
      { event: 'quickbooks.configuration_deleted', accountId, configurationId: record.id },
      'deleted',
    );
    return true;
  }

  // ---- OAuth ------------------------------------------------------------------------------------

  async beginAuthorization(accountId: string, configurationId: string): Promise<{ authorizationUrl: string }> {
    await this.deps.connectWise.assertConnected(accountId);
    const record = await this.require(accountId, configurationId);
    const now = this.deps.clock.now();
    // Old flows are worthless after their 10 minutes; keep the table small.
    await this.states
      .createQueryBuilder()
      .delete()
      .where('accountId = :accountId AND expiresAt < :cutoff', {
        accountId,
        cutoff: new Date(now.getTime() - 24 * 60 * 60 * 1000),
      })
      .execute();
    const pending = await this.states
      .createQueryBuilder('s')
      .where('s.accountId = :accountId AND s.usedAt IS NULL AND s.expiresAt > :now', { accountId, now })
      .getCount();
    if (pending >= MAX_PENDING_STATES) throw rateLimited(STATE_TTL_MS, 'Too many QuickBooks sign-ins were started');

    const state = randomToken(32);
    await this.states.insert({
      id: randomUUID(),
      accountId,
      configurationId: record.id,
      stateHash: this.digest(state),
      expiresAt: new Date(now.getTime() + STATE_TTL_MS),
      usedAt: null,
      createdAt: now,
    });
    this.deps.logger.info(
      { event: 'quickbooks.authorization_started', accountId, configurationId: record.id },
      'QuickBooks authorization started',
    );
    return { authorizationUrl: this.deps.oauth.buildAuthorizationUrl({ state }) };
  }

  /**
   * Intuit's redirect back. `accountId` is the signed-in session (null if none): the flow completes
   * only for the account that started it, with an unused, unexpired state; everything else stores nothing.
   */
  async completeAuthorization(accountId: string | null, query: URLSearchParams): Promise<CallbackOutcome> {
    const invalid: CallbackOutcome = { configurationId: null, result: 'INVALID_STATE' };
    const state = query.get('state') ?? '';
    if (!STATE_SHAPE.test(state)) return invalid;
    const pending = await this.states.findOneBy({ stateHash: this.digest(state) });
    if (!pending) return invalid;
    if (!accountId || pending.accountId !== accountId) {
      this.deps.logger.warn(
        { event: 'quickbooks.callback_wrong_account', signedIn: accountId !== null },
        'QuickBooks callback for a flow another (or no) account started',
      );
      return invalid;
    }
    const configurationId = pending.configurationId;
    const fail = (result: CallbackResult): CallbackOutcome => ({ configurationId, result });
    const now = this.deps.clock.now();
    const consumed = await this.states
      .createQueryBuilder()
      .update(QuickBooksOAuthState)
      .set({ usedAt: now })
      .where('id = :id AND usedAt IS NULL AND expiresAt > :now', { id: pending.id, now })
      .execute();
    if (consumed.affected !== 1) {
      this.deps.logger.warn(
        { event: 'quickbooks.callback_state_rejected', accountId, configurationId, used: pending.usedAt !== null },
        'QuickBooks callback with a used or expired state',
      );
      return fail('INVALID_STATE');
    }
    const record = await this.find(accountId, configurationId);
    if (!record) return invalid;
    const log = { accountId, configurationId };

    const error = query.get('error');
    if (error !== null) {
      this.deps.logger.info(
        { event: 'quickbooks.authorization_declined', ...log, error: /^[a-z_]{1,40}$/.test(error) ? error : 'other' },
        'QuickBooks authorization not granted',
      );
      return fail(error === 'access_denied' ? 'ACCESS_DENIED' : 'QUICKBOOKS_CONNECT_FAILED');
    }
    const code = query.get('code') ?? '';
    const realmId = query.get('realmId') ?? '';
    if (code === '' || code.length > 512 || !REALM_SHAPE.test(realmId)) return fail('QUICKBOOKS_CONNECT_FAILED');

    // Policy: a configuration keeps its company; another company needs Disconnect first.
    if (record.realmId && record.realmId !== realmId) return fail('QUICKBOOKS_REALM_MISMATCH');
    if (await this.realmTakenElsewhere(accountId, realmId, record.id)) return fail('QUICKBOOKS_REALM_IN_USE');

    let tokens: TokenSet;
    try {
      const callback = new URLSearchParams({ code, state, realmId });
      tokens = await this.deps.oauth.exchangeCode(`${this.redirectUri}?${callback.toString()}`);
    } catch (exchangeError) {
      if (!(exchangeError instanceof IntuitAuthError)) throw exchangeError;
      this.deps.logger.warn(
        {
          event: 'quickbooks.code_exchange_failed',
          ...log,
          kind: exchangeError.kind,
          status: exchangeError.status,
          intuit_tid: exchangeError.intuitTid,
        },
        'QuickBooks authorization code exchange failed',
      );
      return fail('QUICKBOOKS_CONNECT_FAILED');
    }

    let companyName: string | null = null;
    try {
      const info = await this.qboClient(realmId, tokens.accessToken, log).getCompanyInfo();
      companyName = typeof info.CompanyName === 'string' ? info.CompanyName.slice(0, 200) : null;
    } catch (infoError) {
      if (!(infoError instanceof QboError)) throw infoError;
      if (!infoError.retryable) {
        await this.deps.tokens.revokeQuietly(tokens.refreshToken, record);
        return fail('QUICKBOOKS_CONNECT_FAILED');
      }
      // QuickBooks is busy; the tokens are good. The background check fills the name in later.
    }

    const stored = await this.storeNewConnection(record, tokens, companyName);
    if (stored !== 'connected') {
      await this.deps.tokens.revokeQuietly(tokens.refreshToken, record);
      return fail(stored);
    }
    this.deps.logger.info(
      { event: 'quickbooks.connected', ...log, realmId, intuit_tid: tokens.intuitTid },
      'QuickBooks Online connected',
    );
    return { configurationId, result: 'connected' };
  }

  private async storeNewConnection(
    initial: QuickBooksConfigurationRecord,
    tokens: TokenSet,
    companyName: string | null,
  ): Promise<CallbackResult> {
    let record: QuickBooksConfigurationRecord | null = initial;
    for (let attempt = 0; attempt < 3 && record; attempt += 1) {
      const now = this.deps.clock.now();
      try {
        const result = await this.records
          .createQueryBuilder()
          .update(QuickBooksConfigurationRecord)
          .set({
            ...this.deps.tokens.sealedColumns(record, tokens, now, null),
            realmId: tokens.realmId,
            companyName: companyName ?? (record.realmId === tokens.realmId ? record.companyName : null),
            connectedAt: now,
            tokenVersion: record.tokenVersion + 1,
            state: 'CONNECTED',
            statusMessage: null,
            lastErrorCode: null,
            checkedAt: now,
            lastSuccessAt: now,
            reminder14SentAt: null,
            reminder3SentAt: null,
            updatedAt: now,
          })
          .where('id = :id AND accountId = :accountId AND tokenVersion = :version', {
            id: record.id,
            accountId: record.accountId,
            version: record.tokenVersion,
          })
          .execute();
        if (result.affected === 1) return 'connected';
      } catch (error) {
        // The (accountId, realmId) unique index: another configuration connected this company meanwhile.
        if (await this.realmTakenElsewhere(record.accountId, tokens.realmId, record.id))
          return 'QUICKBOOKS_REALM_IN_USE';
        throw error;
      }
      record = await this.find(record.accountId, record.id);
    }
    return 'QUICKBOOKS_CONNECT_FAILED';
  }

  // ---- connection -------------------------------------------------------------------------------

  /** Revokes at Intuit and clears the tokens here (idempotent). */
  async disconnect(accountId: string, id: string): Promise<QuickBooksConfiguration> {
    const record = await this.require(accountId, id);
    await this.disconnectRecord(record);
    return this.view(await this.require(accountId, id));
  }

  /** Validates now: CompanyInfo with the access token, refreshing it first when needed. */
  async check(accountId: string, id: string): Promise<QuickBooksConfiguration> {
    const record = await this.require(accountId, id);
    if (record.state === 'CONNECTED' && record.refreshTokenSealed) await this.validate(record.id);
    return this.view(await this.require(accountId, id));
  }

  /**
   * Runs `work` with a QBO client of the configuration (for the import): a valid access token, and
   * one forced refresh when QuickBooks refuses it (401). Throws QUICKBOOKS_NOT_CONNECTED when lost.
   */
  async withClient<T>(accountId: string, id: string, work: (client: QboClient) => Promise<T>): Promise<T> {
    const record = await this.require(accountId, id);
    return this.runWithClient(record.id, { accountId, configurationId: record.id }, work);
  }

  /** One validation per configuration at a time in this process (parallel callers share it). */
  validate(configurationId: string): Promise<void> {
    let flight = this.checks.get(configurationId);
    if (!flight) {
      flight = this.validateNow(configurationId).finally(() => this.checks.delete(configurationId));
      this.checks.set(configurationId, flight);
    }
    return flight;
  }

  private async validateNow(configurationId: string): Promise<void> {
    const before = await this.records.findOneBy({ id: configurationId });
    if (!before) return;
    const log = { accountId: before.accountId, configurationId };
    try {
      const info = await this.runWithClient(configurationId, log, (client) => client.getCompanyInfo());
      const now = this.deps.clock.now();
      await this.records
        .createQueryBuilder()
        .update(QuickBooksConfigurationRecord)
        .set({
          companyName: typeof info.CompanyName === 'string' ? info.CompanyName.slice(0, 200) : before.companyName,
          checkedAt: now,
          lastSuccessAt: now,
          lastErrorCode: null,
          statusMessage: null,
          updatedAt: now,
        })
        .where('id = :id AND state = :connected', { id: configurationId, connected: 'CONNECTED' })
        .execute();
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.QUICKBOOKS_NOT_CONNECTED) return;
      if (error instanceof DomainError && error.code === ErrorCode.QUICKBOOKS_UNAVAILABLE) {
        await this.recordCheckFailure(
          configurationId,
          (error.extensions?.reason as ReasonCode) ?? 'INTUIT_UNAVAILABLE',
        );
        return;
      }
      if (!(error instanceof QboError)) throw error;
      this.deps.logger.warn(
        {
          event: 'quickbooks.check_failed',
          ...log,
          kind: error.kind,
          status: error.status,
          intuit_tid: error.intuitTid,
        },
        'QuickBooks connection check failed',
      );
      if (error.kind === 'UNAUTHORIZED' || error.kind === 'FORBIDDEN') {
        const current = await this.records.findOneBy({ id: configurationId });
        if (current) {
          await this.deps.tokens.markLost(
            current,
            error.kind === 'UNAUTHORIZED' ? 'QBO_UNAUTHORIZED' : 'QBO_FORBIDDEN',
            {
              intuitTid: error.intuitTid,
            },
          );
        }
        return;
      }
      await this.recordCheckFailure(
        configurationId,
        error.kind === 'THROTTLED' ? 'QBO_THROTTLED' : 'INTUIT_UNAVAILABLE',
      );
    }
  }

  private async runWithClient<T>(
    configurationId: string,
    log: Record<string, unknown>,
    work: (client: QboClient) => Promise<T>,
  ): Promise<T> {
    const grant = await this.deps.tokens.accessToken(configurationId);
    try {
      return await work(this.qboClient(grant.realmId, grant.accessToken, log));
    } catch (error) {
      if (!(error instanceof QboError) || error.kind !== 'UNAUTHORIZED') throw error;
      const fresh = await this.deps.tokens.accessToken(configurationId, { rejectedVersion: grant.tokenVersion });
      return work(this.qboClient(fresh.realmId, fresh.accessToken, log));
    }
  }

  private async recordCheckFailure(id: string, code: ReasonCode): Promise<void> {
    const now = this.deps.clock.now();
    await this.records
      .createQueryBuilder()
      .update(QuickBooksConfigurationRecord)
      .set({ checkedAt: now, lastErrorCode: code, statusMessage: REASONS[code], updatedAt: now })
      .where('id = :id AND state = :connected', { id, connected: 'CONNECTED' })
      .execute();
  }

  private async disconnectRecord(record: QuickBooksConfigurationRecord): Promise<void> {
    if (
      !record.refreshTokenSealed &&
      !record.accessTokenSealed &&
      !record.realmId &&
      record.state === 'NOT_CONNECTED'
    ) {
      return;
    }
    const refreshToken = this.deps.tokens.readRefreshToken(record);
    const now = this.deps.clock.now();
    // Cleared first (bumping tokenVersion) so a refresh in flight cannot write its tokens back.
    await this.records
      .createQueryBuilder()
      .update(QuickBooksConfigurationRecord)
      .set({ ...notConnectedColumns(), tokenVersion: record.tokenVersion + 1, updatedAt: now })
      .where('id = :id AND accountId = :accountId', { id: record.id, accountId: record.accountId })
      .execute();
    const revoked = refreshToken ? await this.deps.tokens.revokeQuietly(refreshToken, record) : false;
    this.deps.logger.info(
      {
        event: 'quickbooks.disconnected',
        accountId: record.accountId,
        configurationId: record.id,
        realmId: record.realmId,
        revokedAtIntuit: revoked,
      },
      'QuickBooks Online disconnected',
    );
  }

  /** Emails the account once when a connection becomes LOST (called by the token manager). */
  notifyLost(configurationId: string, code: ReasonCode): void {
    this.deps.background.run('quickbooks-lost-email', async () => {
      const record = await this.records.findOneBy({ id: configurationId });
      const account = record
        ? await this.deps.dataSource.getRepository(Account).findOneBy({ id: record.accountId })
        : null;
      if (!record || !account) return;
      await this.deps.mail.deliver(
        account.email,
        connectionLostTemplate({
          name: account.name,
          configurationName: record.name,
          companyName: record.companyName,
          reason: REASONS[code],
          link: this.pageUrl(record.id),
        }),
      );
    });
  }

  pageUrl(configurationId: string): string {
    return `${this.deps.appUrl}/quickbooks/${encodeURIComponent(configurationId)}`;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  view(record: QuickBooksConfigurationRecord, now = this.deps.clock.now()): QuickBooksConfiguration {
    return {
      id: record.id,
      name: record.name,
      isDefault: record.isDefault,
      realmId: record.realmId,
      companyName: record.companyName,
      connectionStatus: statusOf(record, now),
      statusReason: reasonOf(record, now),
      lastErrorCode:
        record.state === 'CONNECTED' && record.reconnectBy && record.reconnectBy <= now
          ? 'RECONNECT_DEADLINE'
          : record.lastErrorCode,
      connectedAt: record.connectedAt,
      lastSuccessAt: record.lastSuccessAt,
      createdAt: record.createdAt,
    };
  }

  /** The caller's configuration with this id, or null (another account's id reads as missing). */
  async find(accountId: string, id: string): Promise<QuickBooksConfigurationRecord | null> {
    if (typeof id !== 'string' || !ID_SHAPE.test(id)) return null;
    return this.records.findOneBy({ id, accountId });
  }

  private async require(accountId: string, id: string): Promise<QuickBooksConfigurationRecord> {
    const record = await this.find(accountId, id);
    if (!record) throw configurationNotFound();
    return record;
  }

  private async recordsOf(accountId: string): Promise<QuickBooksConfigurationRecord[]> {
    let records = await this.ordered(accountId);
    if (!records.some((r) => r.isDefault)) {
      const now = this.deps.clock.now();
      const key = DEFAULT_CONFIGURATION_NAME.toLowerCase();
      try {
        await this.records.insert(this.newRecord(accountId, DEFAULT_CONFIGURATION_NAME, key, true, now));
      } catch (error) {
        // Created concurrently by another request (unique account + name).
        this.deps.logger.debug({ err: error }, 'Default configuration raced another request');
      }
      records = await this.ordered(accountId);
    }
    return records;
  }

  private ordered(accountId: string): Promise<QuickBooksConfigurationRecord[]> {
    return this.records.find({ where: { accountId }, order: { isDefault: 'DESC', createdAt: 'ASC', name: 'ASC' } });
  }

  private newRecord(
    accountId: string,
    name: string,
    key: string,
    isDefault: boolean,
    now: Date,
  ): QuickBooksConfigurationRecord {
    return {
      id: randomUUID(),
      accountId,
      name,
      nameKey: key,
      isDefault,
      ...notConnectedColumns(),
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
  }

  private assertNameFree(records: QuickBooksConfigurationRecord[], key: string): void {
    const taken = records.find((r) => r.nameKey === key);
    if (taken) throw nameTaken(taken.name);
  }

  /** Another configuration of the account holds this company (connected, expiring or lost). */
  private realmTakenElsewhere(accountId: string, realmId: string, exceptId: string): Promise<boolean> {
    return this.records.existsBy({ accountId, realmId, id: Not(exceptId) });
  }

  private digest(state: string): string {
    return hmacSha256Hex(this.deps.stateHmacKey, `quickbooks-oauth-state|${state}`);
  }

  private qboClient(realmId: string, accessToken: string, log: Record<string, unknown>): QboClient {
    return new QboClient({
      baseUrl: this.deps.qboBaseUrl,
      realmId,
      accessToken,
      timeoutMs: this.deps.qboTimeoutMs ?? 15_000,
      onResponse: (event) =>
        this.deps.logger.debug(
          {
            event: 'qbo.response',
            ...log,
            method: event.method,
            resource: event.resource,
            status: event.status,
            durationMs: event.durationMs,
            intuit_tid: event.intuitTid,
          },
          'QuickBooks Online answered',
        ),
    });
  }
}

function nameTaken(name: string): DomainError {
  return badInput('name', `You already have a QuickBooks Online company named "${name}". Choose another name.`);
}

/** A configuration with no QuickBooks company: what a new one starts as and what Disconnect returns to. */
function notConnectedColumns() {
  return {
    realmId: null,
    companyName: null,
    accessTokenSealed: null,
    refreshTokenSealed: null,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
    refreshTokenHardExpiresAt: null,
    connectedAt: null,
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
    state: 'NOT_CONNECTED' as const,
    statusMessage: null,
    lastErrorCode: null,
    checkedAt: null,
    lastSuccessAt: null,
    reconnectBy: null,
    reminder14SentAt: null,
    reminder3SentAt: null,
  };
}
