import { ConnectionState, type ConnectionStatus } from '../../graphql/connection-status';
import { ConnectWiseClient, isConnectWiseError } from '../../integrations/connectwise';
import type { CheckGate } from '../../lib/check-gate';
import type { Clock } from '../../lib/clock';
import { decryptSecret, encryptSecret, type KeyRing } from '../../lib/crypto';
import { DomainError, rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { PasswordConfirmation } from '../auth';
import type { ConnectWiseThrottles } from './connectwise-throttles';
import type { ConnectWiseAccess, ConnectWiseStatusReader } from './connectwise-access';
import type { ConnectWiseConnectionRecord } from './connectwise-connection.entity';
import {
  connectWiseKeyContext,
  type ConnectWiseConnectionStore,
  connectedStatus,
  lostStatus,
  unreachableStatus,
  type ConnectWiseStatusRecord,
  type StatusColumns,
} from './connectwise-connection.store';
import { ConnectWiseErrorCode, isPermanentFailure, toDomainError } from './connectwise-errors';
import type { ConnectWiseConnection, ConnectWiseInput } from './connectwise.types';

export interface ConnectWiseServiceDeps {
  /** The account's connection row (ConnectWiseConnectionStore in production). */
  store: Pick<
    ConnectWiseConnectionStore,
    'byAccount' | 'statusByAccount' | 'saveCredentials' | 'deleteConnection' | 'recordStatus'
  >;
  clock: Clock;
  keyRing: KeyRing;
  logger: Logger;
  throttles: ConnectWiseThrottles;
  /** One live check per connection at a time (docs/request-hardening.md). */
  checks: CheckGate;
  /** Asks for the account's current password before saved credentials are replaced. */
  passwords: Pick<PasswordConfirmation, 'confirm'>;
  /** Mobius's clientId GUID (CONNECTWISE_CLIENT_ID). */
  clientId: string;
  /** Development/tests: accept http://127.0.0.1:PORT sites; the destination guard lets loopback (only) through. */
  allowHttp: boolean;
  /** A stored connection is validated again when the dashboard loads and its last check is older than this. */
  recheckAfterMs: number;
  /** Budget of one ConnectWise PSA call while a person waits. */
  timeoutMs: number;
}

const NOT_CONFIGURED = 'ConnectWise PSA is not configured yet. Enter your Site, Company ID and API keys.';
const UNREADABLE = 'The stored ConnectWise PSA keys cannot be read. Enter them again.';

/** The account's single ConnectWise PSA connection: live validation, sealed keys, status (docs/product.md §4). */
export class ConnectWiseService implements ConnectWiseAccess, ConnectWiseStatusReader {
  private readonly store: ConnectWiseServiceDeps['store'];
  private readonly checks: CheckGate;

  constructor(private readonly deps: ConnectWiseServiceDeps) {
    this.store = deps.store;
    this.checks = deps.checks;
  }

  /**
   * Validates the credentials live and only then stores them; a failure leaves the previous
   * working connection exactly as it was. Replacing a saved connection (any save once one exists, even
   * with the same values) first asks for the account's current password.
   */
  async save(accountId: string, input: ConnectWiseInput): Promise<ConnectWiseConnection> {
    if (await this.store.byAccount(accountId)) {
      await this.deps.passwords.confirm(
        accountId,
        input.currentPassword,
        'replace the saved ConnectWise PSA connection',
      );
    }
    const throttle = await this.deps.throttles.hit('connectWiseSave', accountId);
    if (throttle.blocked) throw rateLimited(throttle.retryAfterMs, 'Too many connection attempts');

    const client = this.newClient(input);
    let validated;
    try {
      validated = await client.validateCredentials();
    } catch (error) {
      if (isConnectWiseError(error)) {
        this.deps.logger.info(
          { event: 'connectwise.validation_failed', accountId, kind: error.kind, status: error.status },
          'ConnectWise credentials refused',
        );
        throw toDomainError(error);
      }
      throw error;
    }

    const publicKey = input.publicKey.trim();
    const privateKey = input.privateKey.trim();
    const record = await this.store.saveCredentials(
      accountId,
      (id) => ({
        site: client.siteLabel,
        companyId: client.companyId,
        publicKeySealed: encryptSecret(
          this.deps.keyRing,
          publicKey,
          connectWiseKeyContext({ id, accountId }, 'publicKey'),
        ),
        privateKeySealed: encryptSecret(
          this.deps.keyRing,
          privateKey,
          connectWiseKeyContext({ id, accountId }, 'privateKey'),
        ),
        privateKeyHint: privateKey.slice(-4),
        companyName: validated.companyName.slice(0, 200),
        codebase: validated.codebase.slice(0, 100),
      }),
      this.deps.clock.now(),
    );
    this.deps.logger.info({ event: 'connectwise.connected', accountId, site: record.site }, 'ConnectWise connected');
    return this.view(record);
  }

  /**
   * Disconnects ConnectWise PSA: Mobius forgets the site, company and keys. Asks for the account's current password
   * (like replacing the keys: otherwise a session left open could disconnect and then save someone else's
   * ConnectWise PSA without it). Idempotent: with nothing connected it succeeds without asking, and answers false.
   * QuickBooks Online configurations are left as they are; new imports are refused (CONNECTWISE_REQUIRED) until a
   * connection is saved again, and a running import stops at its next ConnectWise PSA step (docs/imports.md §3).
   */
  async disconnect(accountId: string, currentPassword: string | null | undefined): Promise<boolean> {
    if (!(await this.store.byAccount(accountId))) return false;
    await this.deps.passwords.confirm(accountId, currentPassword, 'disconnect ConnectWise PSA');
    const removed = await this.store.deleteConnection(accountId);
    if (removed) {
      this.deps.logger.info({ event: 'connectwise.disconnected', accountId }, 'ConnectWise disconnected');
    }
    return removed;
  }

  async get(accountId: string): Promise<ConnectWiseConnection | null> {
    const record = await this.store.byAccount(accountId);
    return record ? this.view(record) : null;
  }

  /** Cheap: reads the stored status, never calls ConnectWise. */
  async getStatus(accountId: string): Promise<ConnectionStatus> {
    const record = await this.store.statusByAccount(accountId);
    return record ? this.statusOf(record) : notConnected();
  }

  async checkedLongerAgoThan(accountId: string, maxAgeMs: number): Promise<boolean> {
    const record = await this.store.statusByAccount(accountId);
    return record !== null && this.deps.clock.now().getTime() - record.checkedAt.getTime() > maxAgeMs;
  }

  async recheckIfOlderThan(accountId: string, maxAgeMs: number): Promise<void> {
    await this.recheck(accountId, { maxAgeMs });
  }

  async assertConnected(accountId: string): Promise<void> {
    const record = await this.store.byAccount(accountId);
    if (!record || record.state !== 'CONNECTED') throw connectWiseRequired(record !== null);
  }

  /**
   * Validates the stored credentials again if the last check is old (or when forced). Keys that
   * stopped working mark the connection LOST; an outage only records the failed check. One check per
   * connection at a time: callers meanwhile, here or in another process, get its answer; a forced
   * check that starts one spends the account's budget (docs/request-hardening.md). The answer is
   * written only if the credentials were not saved again meanwhile (docs/connection-writes.md);
   * either way the connection is returned as it is stored now.
   */
  async recheck(
    accountId: string,
    options: { force?: boolean; maxAgeMs?: number } = {},
  ): Promise<ConnectWiseConnection | null> {
    const record = await this.store.byAccount(accountId);
    if (!record) return null;
    const maxAge = options.maxAgeMs ?? this.deps.recheckAfterMs;
    if (!options.force && this.deps.clock.now().getTime() - record.checkedAt.getTime() < maxAge) {
      return this.view(record);
    }
    await this.checks.run(`connectwise:${record.id}`, () => this.validateStored(accountId), {
      beforeStart: options.force ? () => this.spendCheckBudget(accountId) : undefined,
    });
    const checked = await this.store.byAccount(accountId);
    return checked ? this.view(checked) : null;
  }

  private async spendCheckBudget(accountId: string): Promise<void> {
    const throttle = await this.deps.throttles.hit('connectionCheck', accountId);
    if (throttle.blocked) throw rateLimited(throttle.retryAfterMs, 'Too many connection checks');
  }

  private async validateStored(accountId: string): Promise<void> {
    const record = await this.store.byAccount(accountId);
    if (!record) return;
    const now = this.deps.clock.now();
    const keys = this.unseal(record);
    let status: StatusColumns;
    if (!keys) {
      status = lostStatus('DECRYPTION_FAILED', UNREADABLE, now);
    } else {
      try {
        const client = this.newClient({ site: record.site, companyId: record.companyId, ...keys });
        await client.validateCredentials();
        status = connectedStatus(now);
      } catch (error) {
        if (!isConnectWiseError(error)) throw error;
        status = isPermanentFailure(error)
          ? lostStatus(error.kind, error.message, now)
          : unreachableStatus(error.kind, `The last check could not reach ConnectWise PSA: ${error.message}`, now);
        this.deps.logger.warn(
          { event: 'connectwise.recheck_failed', accountId, kind: error.kind },
          'ConnectWise re-check failed',
        );
      }
    }
    if (!(await this.store.recordStatus(record, status))) {
      this.deps.logger.info(
        { event: 'connectwise.recheck_discarded', accountId },
        'ConnectWise re-check answer discarded: the connection changed while it ran',
      );
    }
  }

  /** A client with the stored credentials, for the import (throws CONNECTWISE_REQUIRED when unusable). */
  async clientFor(accountId: string): Promise<ConnectWiseClient> {
    await this.assertConnected(accountId);
    const record = await this.store.byAccount(accountId);
    const keys = record && this.unseal(record);
    if (!record || !keys) {
      if (record)
        await this.store.recordStatus(record, lostStatus('DECRYPTION_FAILED', UNREADABLE, this.deps.clock.now()));
      throw connectWiseRequired(record !== null);
    }
    return this.newClient({ site: record.site, companyId: record.companyId, ...keys });
  }

  private newClient(input: {
    site: string;
    companyId: string;
    publicKey: string;
    privateKey: string;
  }): ConnectWiseClient {
    try {
      return new ConnectWiseClient({
        site: input.site,
        companyId: input.companyId,
        publicKey: input.publicKey,
        privateKey: input.privateKey,
        clientId: this.deps.clientId,
        allowHttp: this.deps.allowHttp,
        timeoutMs: this.deps.timeoutMs,
        // A person is waiting on the Save button: one retry, not the default patience of a batch job.
        maxRetries: 1,
        maxRetryAfterMs: 5_000,
      });
    } catch (error) {
      if (isConnectWiseError(error)) throw toDomainError(error);
      throw error;
    }
  }

  private unseal(record: ConnectWiseConnectionRecord): { publicKey: string; privateKey: string } | null {
    try {
      return {
        publicKey: decryptSecret(this.deps.keyRing, record.publicKeySealed, connectWiseKeyContext(record, 'publicKey')),
        privateKey: decryptSecret(
          this.deps.keyRing,
          record.privateKeySealed,
          connectWiseKeyContext(record, 'privateKey'),
        ),
      };
    } catch {
      this.deps.logger.error(
        { event: 'connectwise.decryption_failed', accountId: record.accountId },
        'sealed ConnectWise keys unreadable',
      );
      return null;
    }
  }

  private statusOf(record: ConnectWiseStatusRecord): ConnectionStatus {
    return {
      state: record.state === 'CONNECTED' ? ConnectionState.CONNECTED : ConnectionState.LOST,
      message: record.statusMessage,
      checkedAt: record.checkedAt,
      reconnectBy: null,
    };
  }

  private view(record: ConnectWiseConnectionRecord): ConnectWiseConnection {
    const keys = this.unseal(record);
    return {
      id: record.id,
      site: record.site,
      companyId: record.companyId,
      publicKey: keys?.publicKey ?? '',
      privateKeyHint: record.privateKeyHint,
      companyName: record.companyName,
      codebase: record.codebase,
      status: keys
        ? this.statusOf(record)
        : {
            state: ConnectionState.LOST,
            message: UNREADABLE,
            checkedAt: record.checkedAt,
            reconnectBy: null,
          },
      validatedAt: record.validatedAt,
    };
  }
}

function connectWiseRequired(configured: boolean): DomainError {
  return new DomainError(
    ConnectWiseErrorCode.CONNECTWISE_REQUIRED,
    configured
      ? 'Your ConnectWise PSA connection needs attention first: open Set Up ConnectWise PSA and save working credentials.'
      : 'Configure your ConnectWise PSA connection first: QuickBooks Online becomes available once it is validated.',
  );
}

function notConnected(): ConnectionStatus {
  return { state: ConnectionState.NOT_CONNECTED, message: NOT_CONFIGURED, checkedAt: null, reconnectBy: null };
}
