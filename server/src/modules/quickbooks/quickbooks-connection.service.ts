import { QboError, type QboClient } from '../../integrations/intuit/qbo-client';
import type { Clock } from '../../lib/clock';
import type { CheckGate } from '../../lib/check-gate';
import { DomainError, rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { ConnectWiseStatusReader } from '../connectwise';
import type { ConnectedCompany } from './quickbooks-access';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import type { QuickBooksConfigurationStore } from './quickbooks-configuration.store';
import { configurationView } from './quickbooks-configuration.view';
import { assertConnected, connectionLost, QuickBooksErrorCode } from './quickbooks-errors';
import type { QboClientFactory } from './quickbooks-qbo-clients';
import type { ReasonCode } from './quickbooks-status';
import type { QuickBooksThrottles } from './quickbooks-throttles';
import type { QuickBooksTokenManager } from './quickbooks-token-manager';
import type { AccountConnectionStatus, QuickBooksConfiguration } from './quickbooks.types';

export interface ConnectionServiceDeps {
  store: Pick<
    QuickBooksConfigurationStore,
    'byId' | 'require' | 'viewsOf' | 'holdingRealm' | 'disconnect' | 'recordCheckFailure' | 'recordCheckSuccess'
  >;
  tokens: Pick<QuickBooksTokenManager, 'accessToken' | 'markLost' | 'readRefreshToken' | 'revokeQuietly'>;
  connectWise: Pick<ConnectWiseStatusReader, 'getStatus' | 'checkedLongerAgoThan' | 'recheckIfOlderThan'>;
  qboClients: QboClientFactory;
  /** The per-account budget of forced checks. */
  throttles: Pick<QuickBooksThrottles, 'hit'>;
  /** One live check per configuration at a time (docs/request-hardening.md). */
  checks: CheckGate;
  clock: Clock;
  logger: Logger;
}

/** A configuration's live connection: status, checks, Disconnect and QBO clients for other features (docs/product.md §5). */
export class QuickBooksConnectionService {
  private readonly checks: CheckGate;

  constructor(private readonly deps: ConnectionServiceDeps) {
    this.checks = deps.checks;
  }

  /** DB only, never Intuit: what the dashboard and partner tooling poll. */
  async connectionStatus(accountId: string, options: { maxAgeMs?: number } = {}): Promise<AccountConnectionStatus> {
    if (options.maxAgeMs !== undefined) await this.revalidateOlderThan(accountId, options.maxAgeMs);
    const [connectWise, records] = await Promise.all([
      this.deps.connectWise.getStatus(accountId),
      this.deps.store.viewsOf(accountId),
    ]);
    const now = this.deps.clock.now();
    return { connectWise, quickBooks: records.map((record) => configurationView(record, now)) };
  }

  /**
   * `connectionStatus(maxAgeSeconds)`: every connection checked longer ago than that is validated now (ConnectWise
   * and each QuickBooks company, in parallel, one check per connection at a time). A call that has something to
   * re-validate spends one point of the account's `statusRevalidation` budget; one with nothing to do is free.
   */
  private async revalidateOlderThan(accountId: string, maxAgeMs: number): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const [views, connectWiseStale] = await Promise.all([
      this.deps.store.viewsOf(accountId),
      this.deps.connectWise.checkedLongerAgoThan(accountId, maxAgeMs),
    ]);
    const stale = views.filter(
      (view) =>
        view.state === 'CONNECTED' &&
        view.refreshTokenSealed !== null &&
        (!view.checkedAt || now - view.checkedAt.getTime() > maxAgeMs),
    );
    if (stale.length === 0 && !connectWiseStale) return;
    const throttle = await this.deps.throttles.hit('statusRevalidation', accountId);
    if (throttle.blocked) {
      throw rateLimited(throttle.retryAfterMs, 'Too many connectionStatus calls with maxAgeSeconds');
    }
    await Promise.all([
      ...stale.map((view) => this.validate(view.id)),
      connectWiseStale ? this.deps.connectWise.recheckIfOlderThan(accountId, maxAgeMs) : undefined,
    ]);
  }

  /** Revokes at Intuit and clears the tokens here (idempotent). */
  async disconnect(accountId: string, id: string): Promise<QuickBooksConfiguration> {
    await this.disconnectRecord(await this.deps.store.require(accountId, id));
    return this.viewOf(accountId, id);
  }

  /**
   * Validates now: CompanyInfo with the access token, refreshing it first when needed. Starting a check spends the
   * account's budget of forced checks; joining one in flight does not (docs/request-hardening.md).
   */
  async check(accountId: string, id: string): Promise<QuickBooksConfiguration> {
    const record = await this.deps.store.require(accountId, id);
    if (record.state === 'CONNECTED' && record.refreshTokenSealed) {
      await this.validate(record.id, async () => {
        const throttle = await this.deps.throttles.hit('connectionCheck', accountId);
        if (throttle.blocked) throw rateLimited(throttle.retryAfterMs, 'Too many connection checks');
      });
    }
    return this.viewOf(accountId, id);
  }

  /** The configuration when it is connected now; reads only (a past deadline is retired by the next token use). */
  async requireConnected(accountId: string, id: string): Promise<ConnectedCompany> {
    const record = await this.deps.store.require(accountId, id);
    assertConnected(record);
    if (record.reconnectBy && record.reconnectBy.getTime() <= this.deps.clock.now().getTime()) {
      throw connectionLost(record.name, 'RECONNECT_DEADLINE');
    }
    return {
      configurationId: record.id,
      accountId: record.accountId,
      name: record.name,
      realmId: record.realmId,
      companyName: record.companyName,
    };
  }

  /**
   * Runs `work` with a QBO client of the configuration (for the import): a valid access token, and
   * one forced refresh when QuickBooks refuses it (401). Throws QUICKBOOKS_NOT_CONNECTED when lost.
   */
  async withClient<T>(accountId: string, id: string, work: (client: QboClient) => Promise<T>): Promise<T> {
    const record = await this.deps.store.require(accountId, id);
    return this.runWithClient(record.id, { accountId, configurationId: record.id }, work);
  }

  /**
   * One validation per configuration at a time: parallel callers in this process share it, and while another process
   * validates it, this one waits for its answer instead of calling Intuit too.
   */
  validate(configurationId: string, beforeStart?: () => Promise<void>): Promise<void> {
    return this.checks.run(`quickbooks:${configurationId}`, () => this.validateNow(configurationId), { beforeStart });
  }

  /**
   * Intuit's Disconnect URL: someone disconnected Mobius from this company inside QuickBooks (docs/vendors: Intuit's
   * Disconnect URL). The link carries only a company id, which anyone can type, so it is believed only once
   * Intuit confirms: each configuration holding the company is checked (one CompanyInfo, refreshing when needed,
   * one check at a time per configuration, at most 20 per company in 15 minutes); one whose grant is gone is
   * disconnected here at once (NOT_CONNECTED, tokens forgotten). Returns the configurations it disconnected.
   */
  async disconnectedAtIntuit(realmId: string): Promise<QuickBooksConfigurationRecord[]> {
    const throttle = await this.deps.throttles.hit('connectionCheck', `realm:${realmId}`);
    if (throttle.blocked) return [];
    const disconnected: QuickBooksConfigurationRecord[] = [];
    for (const record of await this.deps.store.holdingRealm(realmId)) {
      if (record.state === 'CONNECTED') await this.validate(record.id);
      const after = await this.deps.store.byId(record.id);
      if (!after || after.state !== 'LOST' || after.realmId !== realmId) continue;
      await this.disconnectRecord(after);
      disconnected.push(after);
      this.deps.logger.info(
        { event: 'quickbooks.disconnected_at_intuit', accountId: after.accountId, configurationId: after.id, realmId },
        'QuickBooks Online was disconnected inside QuickBooks',
      );
    }
    return disconnected;
  }

  /** Clears the tokens first (bumping tokenVersion, so a refresh in flight cannot write them back), then revokes. */
  async disconnectRecord(record: QuickBooksConfigurationRecord): Promise<void> {
    if (
      !record.refreshTokenSealed &&
      !record.accessTokenSealed &&
      !record.realmId &&
      record.state === 'NOT_CONNECTED'
    ) {
      return;
    }
    const refreshToken = this.deps.tokens.readRefreshToken(record);
    await this.deps.store.disconnect(record, this.deps.clock.now());
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

  private async viewOf(accountId: string, id: string): Promise<QuickBooksConfiguration> {
    return configurationView(await this.deps.store.require(accountId, id), this.deps.clock.now());
  }

  private async validateNow(configurationId: string): Promise<void> {
    const before = await this.deps.store.byId(configurationId);
    if (!before) return;
    const log = { accountId: before.accountId, configurationId };
    try {
      const info = await this.runWithClient(configurationId, log, (client) => client.getCompanyInfo());
      const companyName = typeof info.CompanyName === 'string' ? info.CompanyName.slice(0, 200) : before.companyName;
      await this.deps.store.recordCheckSuccess(configurationId, companyName, this.deps.clock.now());
    } catch (error) {
      if (error instanceof DomainError && error.is(QuickBooksErrorCode.QUICKBOOKS_NOT_CONNECTED)) return;
      if (error instanceof DomainError && error.is(QuickBooksErrorCode.QUICKBOOKS_UNAVAILABLE)) {
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
        const current = await this.deps.store.byId(configurationId);
        if (current) {
          await this.deps.tokens.markLost(
            current,
            error.kind === 'UNAUTHORIZED' ? 'QBO_UNAUTHORIZED' : 'QBO_FORBIDDEN',
            { intuitTid: error.intuitTid },
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
      return await work(this.deps.qboClients(grant.realmId, grant.accessToken, log));
    } catch (error) {
      if (!(error instanceof QboError) || error.kind !== 'UNAUTHORIZED') throw error;
      const fresh = await this.deps.tokens.accessToken(configurationId, { rejectedVersion: grant.tokenVersion });
      return work(this.deps.qboClients(fresh.realmId, fresh.accessToken, log));
    }
  }

  private recordCheckFailure(id: string, code: ReasonCode): Promise<void> {
    return this.deps.store.recordCheckFailure(id, code, this.deps.clock.now());
  }
}
