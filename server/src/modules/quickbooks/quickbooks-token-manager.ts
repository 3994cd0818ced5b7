import { IntuitAuthError, type IntuitOAuth, type TokenSet } from '../../integrations/intuit/oauth';
import type { Clock } from '../../lib/clock';
import { decryptSecret, encryptSecret, type KeyRing } from '../../lib/crypto';
import { databaseUnavailable, isDatabaseUnavailable } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { refreshedColumns, type SealedTokenColumns } from './quickbooks-configuration.store';
import { assertConnected, connectionLost, notConnected, quickBooksUnavailable } from './quickbooks-errors';
import { reconnectDeadline, type ReasonCode } from './quickbooks-status';
import type { QuickBooksTokenStore } from './quickbooks-token-store';
import { isDeadLeaseOwner, newLeaseOwner } from '../../lib/lease-owner';

/**
 * The one owner of the Intuit token lifecycle (docs/token-manager.md §1; docs/security.md items 63–74):
 * - refreshes only when the access token is expired or about to (skew), never on a status read;
 * - single flight per configuration: in-process a promise per configuration, across processes a
 *   lease on the row (`refreshLeaseUntil`/`refreshLeaseOwner`, taken by one conditional UPDATE that
 *   also compares `tokenVersion`) — the same statements on SQLite and MySQL, no lock held across the
 *   call to Intuit, whose timeout is shorter than the lease;
 * - the rotated refresh token is committed (compare-and-set on `tokenVersion`) before the new access
 *   token is handed to anyone, and before anything else: between Intuit's answer and that single
 *   UPDATE the new value lives only in memory (docs/token-manager.md §3 measures that window); a
 *   failed write is retried, never silently replaced by the old tokens;
 * - `invalid_grant` re-reads the row first (a sibling may have rotated the token) before declaring
 *   the connection LOST; network errors, timeouts, 429 and 5xx only record a transient failure.
 */

export interface AccessGrant {
  accessToken: string;
  realmId: string;
  tokenVersion: number;
}

export interface AccessTokenOptions {
  /** QuickBooks refused this version's access token (401): refresh unless someone already did. */
  rejectedVersion?: number;
  /** Also refresh when the refresh token's rolling window ends within this time (background keep-alive). */
  refreshTokenWithinMs?: number;
}

export interface TokenManagerDeps {
  /** The configuration rows, written only by compare-and-set (QuickBooksConfigurationStore in production). */
  store: QuickBooksTokenStore;
  clock: Clock;
  keyRing: KeyRing;
  oauth: IntuitOAuth;
  logger: Logger;
  reconnectAfterDays: number;
  /** Budget of one token call, retries included (createIntuitOAuth's timeoutMs). */
  tokenTimeoutMs: number;
  /** How long the refresh lease lasts (config.intuit.tokens.refreshLeaseMs, 25 s). */
  leaseMs: number;
  /** Refresh an access token that expires within this (config.intuit.tokens.refreshSkewMs, 5 minutes). */
  refreshSkewMs: number;
  /** How long a caller waits for another process's refresh before giving up (transiently). */
  maxWaitMs?: number;
  pollMs?: number;
  /** Called once per transition to LOST (the writer that made the transition). */
  onLost?: (configurationId: string, code: ReasonCode) => void | Promise<void>;
}

/** Waits between attempts to store refreshed tokens; the last one repeats while the lease lasts (see persistRefreshed). */
const PERSIST_RETRY_DELAYS_MS = [50, 100, 250, 500, 1000, 2000];
/** A refresh that answered the same refresh token value drops its tokens after this many failed writes. */
const SAME_VALUE_PERSIST_ATTEMPTS = 4;
/** Stop retrying this long before our lease runs out, so no other process refreshes while we still might write. */
const LEASE_MARGIN_MS = 3000;

type Attempt = { done: true; grant: AccessGrant } | { done: false };

/** A lease we hold; `interrupted` when we took it over from a holder that died or ran out of time mid-refresh. */
interface HeldLease {
  owner: string;
  interrupted: boolean;
  /** performance.now() when it was taken (the lease lasts leaseMs from then). */
  takenAt: number;
}

export function tokenContext(record: Pick<QuickBooksConfigurationRecord, 'id' | 'accountId'>, column: string): string {
  return `quickbooks_configurations|${column}|${record.id}|${record.accountId}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class QuickBooksTokenManager {
  private readonly inflight = new Map<string, Promise<AccessGrant>>();
  private readonly leaseMs: number;
  private readonly skewMs: number;
  private readonly maxWaitMs: number;
  private readonly pollMs: number;

  constructor(private readonly deps: TokenManagerDeps) {
    this.leaseMs = deps.leaseMs;
    this.skewMs = deps.refreshSkewMs;
    this.maxWaitMs = deps.maxWaitMs ?? this.leaseMs + 5_000;
    this.pollMs = deps.pollMs ?? 150;
    if (deps.tokenTimeoutMs >= this.leaseMs) {
      throw new Error('The Intuit token timeout must be shorter than the refresh lease (docs/token-manager.md §1).');
    }
  }

  /** A valid access token for the configuration, refreshed first when it is about to expire. */
  async accessToken(configurationId: string, options: AccessTokenOptions = {}): Promise<AccessGrant> {
    const record = await this.usable(configurationId);
    if (!this.needsRefresh(record, options)) return this.grantOf(record);
    let flight = this.inflight.get(configurationId);
    if (!flight) {
      flight = this.refreshLoop(configurationId, options).finally(() => this.inflight.delete(configurationId));
      this.inflight.set(configurationId, flight);
    }
    return flight;
  }

  /** Waits for the refreshes in flight to finish (shutdown: their new refresh tokens must be committed). */
  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight.values()]);
  }

  /** Marks the connection LOST (once: only the writer that wins the compare-and-set notifies). */
  async markLost(
    record: QuickBooksConfigurationRecord,
    code: ReasonCode,
    options: { keepTokens?: boolean; intuitTid?: string; afterInterruptedRefresh?: boolean } = {},
  ): Promise<boolean> {
    if (!(await this.deps.store.markLost(record, code, this.deps.clock.now(), options.keepTokens))) return false;
    this.deps.logger.warn(
      {
        event: 'quickbooks.connection_lost',
        accountId: record.accountId,
        configurationId: record.id,
        realmId: record.realmId,
        reason: code,
        intuit_tid: options.intuitTid,
        ...(options.afterInterruptedRefresh ? { afterInterruptedRefresh: true } : {}),
      },
      'QuickBooks Online connection lost',
    );
    await this.deps.onLost?.(record.id, code);
    return true;
  }

  /** The refresh token in clear, or null when it cannot be read (for revocation). */
  readRefreshToken(record: QuickBooksConfigurationRecord): string | null {
    if (!record.refreshTokenSealed) return null;
    try {
      return decryptSecret(this.deps.keyRing, record.refreshTokenSealed, tokenContext(record, 'refreshToken'));
    } catch {
      return null;
    }
  }

  /** Columns for a fresh token set (connect or refresh); the caller adds the compare-and-set. */
  sealedColumns(
    record: Pick<QuickBooksConfigurationRecord, 'id' | 'accountId'>,
    tokens: TokenSet,
    connectedAt: Date,
    previousHardExpiry: Date | null,
  ): SealedTokenColumns {
    const hard = tokens.refreshTokenHardExpiresAt ?? previousHardExpiry;
    return {
      accessTokenSealed: encryptSecret(this.deps.keyRing, tokens.accessToken, tokenContext(record, 'accessToken')),
      refreshTokenSealed: encryptSecret(this.deps.keyRing, tokens.refreshToken, tokenContext(record, 'refreshToken')),
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
      refreshTokenHardExpiresAt: hard,
      reconnectBy: reconnectDeadline({
        connectedAt,
        refreshTokenHardExpiresAt: hard,
        reconnectAfterDays: this.deps.reconnectAfterDays,
      }),
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
    };
  }

  private async usable(configurationId: string): Promise<QuickBooksConfigurationRecord> {
    const record = await this.deps.store.byId(configurationId);
    if (!record) throw notConnected('This configuration');
    assertConnected(record);
    if (await this.retireIfPastDeadline(record)) throw connectionLost(record.name, 'RECONNECT_DEADLINE');
    return record;
  }

  /** Past its reconnect deadline a connection is LOST; its grant is revoked so no live token outlives it. */
  async retireIfPastDeadline(record: QuickBooksConfigurationRecord): Promise<boolean> {
    if (record.state !== 'CONNECTED' || !record.reconnectBy) return false;
    if (record.reconnectBy.getTime() > this.deps.clock.now().getTime()) return false;
    const refreshToken = this.readRefreshToken(record);
    if ((await this.markLost(record, 'RECONNECT_DEADLINE')) && refreshToken) {
      await this.revokeQuietly(refreshToken, record);
    }
    return true;
  }

  private needsRefresh(record: QuickBooksConfigurationRecord, options: AccessTokenOptions): boolean {
    const now = this.deps.clock.now().getTime();
    if (options.rejectedVersion !== undefined && options.rejectedVersion === record.tokenVersion) return true;
    if (!record.accessTokenSealed || !record.accessTokenExpiresAt) return true;
    if (record.accessTokenExpiresAt.getTime() - now <= this.skewMs) return true;
    if (
      options.refreshTokenWithinMs !== undefined &&
      record.refreshTokenExpiresAt &&
      record.refreshTokenExpiresAt.getTime() - now <= options.refreshTokenWithinMs
    ) {
      return true;
    }
    return false;
  }

  private async grantOf(record: QuickBooksConfigurationRecord): Promise<AccessGrant> {
    try {
      const accessToken = decryptSecret(
        this.deps.keyRing,
        record.accessTokenSealed ?? '',
        tokenContext(record, 'accessToken'),
      );
      return { accessToken, realmId: record.realmId as string, tokenVersion: record.tokenVersion };
    } catch {
      return this.unreadable(record);
    }
  }

  private async unreadable(record: QuickBooksConfigurationRecord): Promise<never> {
    this.deps.logger.error(
      { event: 'quickbooks.decryption_failed', accountId: record.accountId, configurationId: record.id },
      'sealed QuickBooks tokens unreadable',
    );
    // Kept, not wiped: restoring a removed key makes them readable again.
    await this.markLost(record, 'DECRYPTION_FAILED', { keepTokens: true });
    throw connectionLost(record.name, 'DECRYPTION_FAILED');
  }

  private async refreshLoop(configurationId: string, options: AccessTokenOptions): Promise<AccessGrant> {
    const started = Date.now();
    let retriesLeft = 2;
    for (;;) {
      const record = await this.usable(configurationId);
      if (!this.needsRefresh(record, options)) return this.grantOf(record);
      const lease = await this.tryAcquireLease(record);
      if (lease) {
        const attempt = await this.refreshHoldingLease(record, lease, retriesLeft > 0);
        if (attempt.done) return attempt.grant;
        retriesLeft -= 1;
        continue;
      }
      if (Date.now() - started > this.maxWaitMs) throw quickBooksUnavailable('INTUIT_UNAVAILABLE');
      await sleep(this.pollMs + Math.floor(Math.random() * this.pollMs));
    }
  }

  /** One conditional UPDATE: free (or expired, or its holder provably dead) lease and an unchanged tokenVersion. */
  private async tryAcquireLease(record: QuickBooksConfigurationRecord): Promise<HeldLease | null> {
    const owner = newLeaseOwner();
    const takenAt = performance.now();
    const now = this.deps.clock.now();
    const deadOwner = isDeadLeaseOwner(record.refreshLeaseOwner) ? record.refreshLeaseOwner : null;
    const until = new Date(now.getTime() + this.leaseMs);
    if (!(await this.deps.store.acquireRefreshLease(record, owner, until, now, deadOwner))) return null;
    if (deadOwner) {
      this.deps.logger.info(
        { event: 'quickbooks.refresh_lease_recovered', configurationId: record.id },
        'took over the refresh lease of a process that died',
      );
    }
    return { owner, interrupted: record.refreshLeaseOwner !== null, takenAt };
  }

  private async refreshHoldingLease(
    record: QuickBooksConfigurationRecord,
    lease: HeldLease,
    mayRetry: boolean,
  ): Promise<Attempt> {
    const { owner, interrupted } = lease;
    const refreshToken = this.readRefreshToken(record);
    if (refreshToken === null) {
      await this.releaseLease(record.id, owner);
      return this.unreadable(record);
    }
    const log = { accountId: record.accountId, configurationId: record.id, realmId: record.realmId };
    let tokens: TokenSet;
    try {
      tokens = await this.deps.oauth.refreshTokens(refreshToken, record.realmId as string);
    } catch (error) {
      if (!(error instanceof IntuitAuthError)) {
        await this.releaseLease(record.id, owner);
        throw error;
      }
      this.deps.logger.warn(
        {
          event: 'quickbooks.refresh_failed',
          ...log,
          kind: error.kind,
          status: error.status,
          oauthError: error.oauthError,
          intuit_tid: error.intuitTid,
        },
        'QuickBooks token refresh failed',
      );
      if (error.kind === 'INVALID_GRANT') {
        // A sibling whose lease we outlived may have rotated the token meanwhile: use its token, not a verdict.
        const current = await this.deps.store.byId(record.id);
        if (current && current.tokenVersion !== record.tokenVersion) {
          if (mayRetry) return { done: false };
          throw quickBooksUnavailable('INTUIT_UNAVAILABLE');
        }
        // After an interrupted refresh this is most likely its lost answer: Intuit rotated, we never stored it.
        await this.markLost(record, 'INVALID_GRANT', {
          intuitTid: error.intuitTid,
          afterInterruptedRefresh: interrupted,
        });
        throw connectionLost(record.name, 'INVALID_GRANT');
      }
      const code: ReasonCode =
        error.kind === 'INVALID_CLIENT'
          ? 'INTUIT_INVALID_CLIENT'
          : error.kind === 'BAD_RESPONSE'
            ? 'INTUIT_BAD_RESPONSE'
            : 'INTUIT_UNAVAILABLE';
      await this.recordTransientFailure(record.id, owner, code);
      throw quickBooksUnavailable(code);
    }

    // Commit the rotated refresh token before anything else, and before anyone may use the new access token.
    const rotated = tokens.refreshToken !== refreshToken;
    const { saved, commitMs } = await this.persistRefreshed(record, lease, tokens, rotated);
    if (saved) {
      const committedAt = performance.now();
      const ms = (value: number) => Math.round(value * 1000) / 1000;
      this.deps.logger.info(
        {
          event: 'quickbooks.token_refreshed',
          ...log,
          tokenVersion: record.tokenVersion + 1,
          // Intuit answered a new value (about once a day), and how long it lived only in memory.
          rotated,
          answerToCommitMs: tokens.receivedAt === undefined ? undefined : ms(committedAt - tokens.receivedAt),
          // Of which the UPDATE itself (the database's durable commit).
          commitMs: ms(commitMs),
          intuit_tid: tokens.intuitTid,
        },
        'QuickBooks tokens refreshed',
      );
      return {
        done: true,
        grant: { accessToken: tokens.accessToken, realmId: tokens.realmId, tokenVersion: record.tokenVersion + 1 },
      };
    }
    const current = await this.deps.store.byId(record.id);
    if (!current || current.state !== 'CONNECTED' || !current.refreshTokenSealed) {
      // Disconnected (or lost) while we refreshed: the new grant must not resurrect it.
      await this.revokeQuietly(tokens.refreshToken, record);
      if (current?.state === 'LOST') throw connectionLost(current.name, current.lastErrorCode ?? undefined);
      throw notConnected(current?.name ?? record.name);
    }
    return { done: false };
  }

  /**
   * Compare-and-set on tokenVersion, one UPDATE; false when someone else wrote first. A database error is
   * retried: while the lease lasts when Intuit answered a NEW refresh token value (under the strict reading
   * this process holds its only copy: dropping it loses the connection), a few times otherwise (the stored
   * value is the same one and keeps working).
   */
  private async persistRefreshed(
    record: QuickBooksConfigurationRecord,
    lease: HeldLease,
    tokens: TokenSet,
    rotated: boolean,
  ): Promise<{ saved: boolean; commitMs: number }> {
    const now = this.deps.clock.now();
    const sealed = this.sealedColumns(record, tokens, record.connectedAt ?? now, record.refreshTokenHardExpiresAt);
    const columns = refreshedColumns(record, sealed, now);
    const giveUpAt = lease.takenAt + this.leaseMs - LEASE_MARGIN_MS;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const started = performance.now();
        const saved = await this.deps.store.saveRefreshed(record, columns);
        return { saved, commitMs: performance.now() - started };
      } catch (error) {
        const delay = PERSIST_RETRY_DELAYS_MS[Math.min(attempt, PERSIST_RETRY_DELAYS_MS.length - 1)];
        this.deps.logger.error(
          {
            event: 'quickbooks.token_persist_failed',
            configurationId: record.id,
            attempt: attempt + 1,
            rotated,
            err: error,
          },
          'could not store refreshed QuickBooks tokens',
        );
        const giveUp = rotated ? performance.now() + delay >= giveUpAt : attempt + 1 >= SAME_VALUE_PERSIST_ATTEMPTS;
        if (giveUp) {
          // Same value: the stored one still works. New value: only the lenient reading's replay can save it.
          await this.releaseLease(record.id, lease.owner).catch(() => undefined);
          throw isDatabaseUnavailable(error) ? databaseUnavailable(error) : quickBooksUnavailable('INTUIT_UNAVAILABLE');
        }
        await sleep(delay);
      }
    }
  }

  private recordTransientFailure(id: string, owner: string, code: ReasonCode): Promise<void> {
    return this.deps.store.recordRefreshFailure(id, owner, code, this.deps.clock.now());
  }

  private releaseLease(id: string, owner: string): Promise<void> {
    return this.deps.store.releaseRefreshLease(id, owner);
  }

  async revokeQuietly(
    token: string,
    record: Pick<QuickBooksConfigurationRecord, 'id' | 'accountId'>,
  ): Promise<boolean> {
    try {
      await this.deps.oauth.revokeToken(token);
      return true;
    } catch (error) {
      this.deps.logger.warn(
        {
          event: 'quickbooks.revoke_failed',
          accountId: record.accountId,
          configurationId: record.id,
          kind: error instanceof IntuitAuthError ? error.kind : 'UNKNOWN',
          intuit_tid: error instanceof IntuitAuthError ? error.intuitTid : undefined,
        },
        'could not revoke QuickBooks tokens at Intuit',
      );
      return false;
    }
  }
}
