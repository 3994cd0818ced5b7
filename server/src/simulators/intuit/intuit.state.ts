import type { QboCompany } from './qbo-company';
import type { FaultRule } from './fault-injector';

/** In-memory state of the Intuit simulator: registered apps, grants, tokens, companies and counters. */

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in and consent pages (default "Mobius"). */
  name?: string;
  /** Exact strings, or patterns such as `http://localhost:*` callbacks. */
  redirectUris: ReadonlyArray<string | RegExp>;
}

export interface TokenLifetimes {
  authorizationCodeSeconds: number;
  accessTokenSeconds: number;
  /** Rolling: every refresh response starts a new window. */
  refreshTokenSeconds: number;
  /** Absolute cap counted from the user's authorization (Intuit's 5-year policy). */
  refreshTokenHardSeconds: number;
  /**
   * How long a refresh token value is answered again before a refresh returns a new one: Intuit answers
   * the same value, with a shrinking `x_refresh_token_expires_in`, for about a day (0 = rotate on every use).
   */
  refreshTokenRotationSeconds: number;
  /** Lenient reading only: how long a superseded refresh token keeps working after its successor is issued. */
  rotationGraceSeconds: number;
}

export interface ThrottleLimits {
  requestsPerMinutePerRealm: number;
  requestsPerSecondPerRealmApp: number;
  batchPerMinutePerRealmApp: number;
  batchPerMinutePerRealm: number;
  /** Items one batch request may carry. */
  batchItemsPerRequest: number;
}

export const DEFAULT_LIFETIMES: Readonly<TokenLifetimes> = Object.freeze({
  authorizationCodeSeconds: 5 * 60,
  accessTokenSeconds: 3600,
  refreshTokenSeconds: 8_726_400,
  refreshTokenHardSeconds: 5 * 365 * 24 * 3600,
  refreshTokenRotationSeconds: 24 * 3600,
  rotationGraceSeconds: 24 * 3600,
});

/**
 * QBO's own limits (docs/vendors/quickbooks-online.md §6): the defaults, and the ceiling. A control may lower them
 * (to prove a client slows down) but never raise them: the simulator is never kinder than QBO.
 */
export const DEFAULT_THROTTLE_LIMITS: Readonly<ThrottleLimits> = Object.freeze({
  requestsPerMinutePerRealm: 500,
  requestsPerSecondPerRealmApp: 10,
  batchPerMinutePerRealmApp: 40,
  batchPerMinutePerRealm: 120,
  batchItemsPerRequest: 30,
});

/** Throttle limits checked against QBO's: known names, whole numbers from 0 up to the vendor's value. */
export function checkThrottleLimits(limits: Partial<Record<string, unknown>>): Partial<ThrottleLimits> {
  const checked: Partial<ThrottleLimits> = {};
  for (const [key, raw] of Object.entries(limits)) {
    if (raw === undefined) continue;
    if (!(key in DEFAULT_THROTTLE_LIMITS)) throw new RangeError(`Unknown throttle limit ${key}.`);
    const name = key as keyof ThrottleLimits;
    const value = Number(raw);
    const ceiling = DEFAULT_THROTTLE_LIMITS[name];
    if (!Number.isInteger(value) || value < 0 || value > ceiling) {
      throw new RangeError(`${name} must be a whole number from 0 to QBO's ${ceiling}; it can be lowered, not raised.`);
    }
    checked[name] = value;
  }
  return checked;
}

export const DEFAULT_CLIENT: Readonly<RegisteredClient> = Object.freeze({
  clientId: 'mobius-simulator-client',
  clientSecret: 'mobius-simulator-secret',
  name: 'Mobius',
  redirectUris: [/^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?\/oauth\/quickbooks\/callback$/],
});

export interface Grant {
  id: string;
  clientId: string;
  realmId: string;
  userEmail: string;
  scope: string[];
  authorizedAt: number;
  hardExpiresAt: number;
  revokedAt?: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  realmId: string;
  scope: string[];
  userEmail: string;
  issuedAt: number;
  expiresAt: number;
  usedAt?: number;
}

export interface AccessTokenRecord {
  token: string;
  grantId: string;
  issuedAt: number;
  expiresAt: number;
}

export interface RefreshTokenRecord {
  token: string;
  grantId: string;
  issuedAt: number;
  expiresAt: number;
  /** Set when a newer refresh token replaced this one. */
  supersededAt?: number;
  successor?: string;
}

/** A half-finished authorize flow: the user signed in and is choosing a company. */
export interface AuthorizeSession {
  id: string;
  clientId: string;
  redirectUri: string;
  scope: string[];
  state: string;
  userEmail: string;
  expiresAt: number;
}

export type TokenGrantType = 'authorization_code' | 'refresh_token' | 'other';

export interface TokenRequestLogEntry {
  at: number;
  grantType: TokenGrantType;
  status: number;
  error?: string;
  /** The refresh token presented (refresh_token grant). */
  refreshToken?: string;
  /** The refresh token answered (successful calls). */
  issuedRefreshToken?: string;
  /** A refresh answered a new refresh token value (the presented one is superseded from now on). */
  rotated?: boolean;
  /** False when the work was done but the client had gone before the answer could be written. */
  delivered?: boolean;
  realmId?: string;
  faulted?: boolean;
}

export interface QboRequestLogEntry {
  at: number;
  method: string;
  realmId: string;
  path: string;
  status: number;
  minorversion?: string;
  requestid?: string;
  replayed?: boolean;
}

export interface Counters {
  tokenCalls: Record<TokenGrantType | 'total', number>;
  revokeCalls: number;
  /** Calls per refresh token presented, valid or not. */
  refreshCallsByToken: Record<string, number>;
  qboCalls: { total: number; byRealm: Record<string, number>; throttled: number };
}

export function emptyCounters(): Counters {
  return {
    tokenCalls: { total: 0, authorization_code: 0, refresh_token: 0, other: 0 },
    revokeCalls: 0,
    refreshCallsByToken: {},
    qboCalls: { total: 0, byRealm: {}, throttled: 0 },
  };
}

const LOG_LIMIT = 2000;

export class SimulatorState {
  readonly clients = new Map<string, RegisteredClient>();
  readonly companies = new Map<string, QboCompany>();
  readonly grants = new Map<string, Grant>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly authorizeSessions = new Map<string, AuthorizeSession>();
  /** Latest refresh token of each grant (the head of its rotation chain). */
  readonly currentRefreshToken = new Map<string, string>();
  readonly tokenRequests: TokenRequestLogEntry[] = [];
  readonly qboRequests: QboRequestLogEntry[] = [];
  readonly faults: FaultRule[] = [];
  /** `requestid` replays: realmId + NUL + requestid → the original answer. */
  readonly idempotentResponses = new Map<string, { status: number; body: unknown }>();
  counters: Counters = emptyCounters();
  lifetimes: TokenLifetimes;
  throttleLimits: ThrottleLimits;
  /**
   * Which reading of "what a superseded refresh token does" (docs/vendors/quickbooks-online.md §9): lenient (false) —
   * it keeps working for `rotationGraceSeconds` and answers the grant's newest value; strict (true) —
   * refused with invalid_grant as soon as its successor was issued.
   */
  strictRotation: boolean;
  /** Added to the injected clock (controls.advanceTime). */
  timeOffsetMs = 0;
  /** When set, every response carries this intuit_tid instead of a generated one. */
  fixedIntuitTid: string | null = null;
  lastIntuitTid = '';
  private sequence = 0;

  constructor(
    private readonly baseNow: () => number,
    init: { lifetimes: TokenLifetimes; throttleLimits: ThrottleLimits; strictRotation: boolean },
  ) {
    this.lifetimes = { ...init.lifetimes };
    this.throttleLimits = { ...init.throttleLimits };
    this.strictRotation = init.strictRotation;
  }

  now(): number {
    return this.baseNow() + this.timeOffsetMs;
  }

  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  logTokenRequest(entry: TokenRequestLogEntry): void {
    pushBounded(this.tokenRequests, entry);
  }

  logQboRequest(entry: QboRequestLogEntry): void {
    pushBounded(this.qboRequests, entry);
  }

  /** Drops grants, codes, tokens, faults, replays, counters and logs (companies are reseeded by the caller). */
  clearAll(): void {
    this.grants.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.authorizeSessions.clear();
    this.currentRefreshToken.clear();
    this.tokenRequests.length = 0;
    this.qboRequests.length = 0;
    this.faults.length = 0;
    this.idempotentResponses.clear();
    this.counters = emptyCounters();
  }
}

function pushBounded<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > LOG_LIMIT) list.splice(0, list.length - LOG_LIMIT);
}
