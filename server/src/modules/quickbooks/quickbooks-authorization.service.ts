import { IntuitAuthError, type IntuitOAuth, type TokenSet } from '../../integrations/intuit/oauth';
import { QboError } from '../../integrations/intuit/qbo-client';
import type { Clock } from '../../lib/clock';
import { rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { tokenKind, type SingleUseTokens } from '../tokens';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { connectedColumns, type QuickBooksConfigurationStore } from './quickbooks-configuration.store';
import type { QboClientFactory } from './quickbooks-qbo-clients';
import type { QuickBooksTokenManager } from './quickbooks-token-manager';

export interface AuthorizationServiceDeps {
  /** Each flow's `state` is a single-use token of the QUICKBOOKS_OAUTH_STATE purpose. */
  states: Pick<SingleUseTokens, 'issue' | 'inspect' | 'consume' | 'countLive' | 'purgeExpired'>;
  store: Pick<QuickBooksConfigurationStore, 'find' | 'require' | 'realmHolder' | 'connect'>;
  tokens: Pick<QuickBooksTokenManager, 'sealedColumns' | 'revokeQuietly'>;
  oauth: IntuitOAuth;
  connectWise: { assertConnected(accountId: string): Promise<void> };
  qboClients: QboClientFactory;
  clock: Clock;
  logger: Logger;
  /** Where Intuit sends the browser back (the OAuth callback route). */
  redirectUri: string;
}

/** Where the callback sends the browser: `connected` or one of these codes (docs/product.md §8). */
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
  /**
   * QUICKBOOKS_REALM_IN_USE: the id of the account's configuration that holds the company. Only the id travels
   * (the page looks its name up in the account's own list): a name in the address could be anyone's text.
   */
  heldBy?: string;
}

export const STATE_TTL_MS = 10 * 60 * 1000;
/** The `state` of one flow: bound to the account that started it (the token's) and to one configuration. */
export const OAUTH_STATE = tokenKind<{ configurationId: string }>('QUICKBOOKS_OAUTH_STATE', STATE_TTL_MS);
const MAX_PENDING_STATES = 20;
const REALM_SHAPE = /^\d{1,32}$/;

/** "Connect to QuickBooks": the Intuit OAuth flow with a single-use state, from the button to the callback (docs/product.md §5). */
export class QuickBooksAuthorizationService {
  constructor(private readonly deps: AuthorizationServiceDeps) {}

  async beginAuthorization(accountId: string, configurationId: string): Promise<{ authorizationUrl: string }> {
    await this.deps.connectWise.assertConnected(accountId);
    const record = await this.deps.store.require(accountId, configurationId);
    const now = this.deps.clock.now();
    // Old flows are worthless after their 10 minutes; keep the table small.
    await this.deps.states.purgeExpired(OAUTH_STATE, accountId, new Date(now.getTime() - 24 * 60 * 60 * 1000));
    const pending = await this.deps.states.countLive(OAUTH_STATE, accountId);
    if (pending >= MAX_PENDING_STATES) throw rateLimited(STATE_TTL_MS, 'Too many QuickBooks sign-ins were started');

    const state = await this.deps.states.issue(OAUTH_STATE, accountId, { configurationId: record.id });
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
    const found = await this.deps.states.inspect(OAUTH_STATE, state);
    if (found.state === 'unknown') return invalid;
    const pending = found.token;
    if (!accountId || pending.accountId !== accountId) {
      this.deps.logger.warn(
        { event: 'quickbooks.callback_wrong_account', signedIn: accountId !== null },
        'QuickBooks callback for a flow another (or no) account started',
      );
      return invalid;
    }
    const { configurationId } = pending.context;
    const fail = (result: CallbackResult, heldBy?: string): CallbackOutcome =>
      heldBy ? { configurationId, result, heldBy } : { configurationId, result };
    if (!(await this.deps.states.consume(OAUTH_STATE, state))) {
      this.deps.logger.warn(
        { event: 'quickbooks.callback_state_rejected', accountId, configurationId, used: pending.usedAt !== null },
        'QuickBooks callback with a used or expired state',
      );
      return fail('INVALID_STATE');
    }
    const record = await this.deps.store.find(accountId, configurationId);
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
    const holder = await this.deps.store.realmHolder(accountId, realmId, record.id);
    if (holder) return fail('QUICKBOOKS_REALM_IN_USE', holder);

    let tokens: TokenSet;
    try {
      const callback = new URLSearchParams({ code, state, realmId });
      tokens = await this.deps.oauth.exchangeCode(`${this.deps.redirectUri}?${callback.toString()}`);
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
      const info = await this.deps.qboClients(realmId, tokens.accessToken, log).getCompanyInfo();
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
    if (stored.result !== 'connected') {
      await this.deps.tokens.revokeQuietly(tokens.refreshToken, record);
      return fail(stored.result, stored.heldBy);
    }
    this.deps.logger.info(
      { event: 'quickbooks.connected', ...log, realmId, intuit_tid: tokens.intuitTid },
      'QuickBooks Online connected',
    );
    return { configurationId, result: 'connected' };
  }

  /** Compare-and-set on tokenVersion, re-reading the row when another writer got there first (bounded). */
  private async storeNewConnection(
    initial: QuickBooksConfigurationRecord,
    tokens: TokenSet,
    companyName: string | null,
  ): Promise<{ result: CallbackResult; heldBy?: string }> {
    let record: QuickBooksConfigurationRecord | null = initial;
    for (let attempt = 0; attempt < 3 && record; attempt += 1) {
      const now = this.deps.clock.now();
      const sealed = this.deps.tokens.sealedColumns(record, tokens, now, null);
      try {
        if (await this.deps.store.connect(record, connectedColumns(record, sealed, tokens.realmId, companyName, now))) {
          return { result: 'connected' };
        }
      } catch (error) {
        // The (accountId, realmId) unique index: another configuration connected this company meanwhile.
        const holder = await this.deps.store.realmHolder(record.accountId, tokens.realmId, record.id);
        if (holder) return { result: 'QUICKBOOKS_REALM_IN_USE', heldBy: holder };
        throw error;
      }
      record = await this.deps.store.find(record.accountId, record.id);
    }
    return { result: 'QUICKBOOKS_CONNECT_FAILED' };
  }
}
