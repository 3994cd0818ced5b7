import type { FaultInjector, FaultRule, FaultSpec } from './fault-injector';
import { QboCompany } from './qbo-company';
import type { SandboxCompanySeed } from './intuit.seed';
import {
  checkThrottleLimits,
  type Counters,
  type SimulatorState,
  type ThrottleLimits,
  type TokenLifetimes,
} from './intuit.state';
import type { SlidingWindowThrottle } from './throttle';
import type { TokenAuthority } from './token-authority';

/** The JS API tests use to make the simulator misbehave and to read what it saw. */

export interface QboFaultFilter {
  realmId?: string;
  pathIncludes?: string;
}

export interface IntuitSimulatorControls {
  /** Revokes every grant for the company, as if the user disconnected the app. Returns how many. */
  revokeRealm(realmId: string): number;
  /** Revokes the grant a token (access or refresh) belongs to. */
  revokeToken(token: string): boolean;
  expireAccessTokens(realmId?: string): number;
  expireRefreshTokens(realmId?: string): number;
  /** Applies to tokens issued from now on; the rotation grace applies at once. */
  setLifetimes(lifetimes: Partial<TokenLifetimes>): TokenLifetimes;
  setStrictRotation(enabled: boolean): void;
  /** Lowers QBO's limits (never above QBO's own; RangeError otherwise) and clears the windows. */
  setThrottleLimits(limits: Partial<ThrottleLimits>): ThrottleLimits;
  injectFault(spec: FaultSpec): FaultRule;
  clearFaults(): void;
  failTokenEndpoint(times?: number, status?: number): FaultRule;
  throttleTokenEndpoint(times?: number): FaultRule;
  delayTokenEndpoint(delayMs: number, times?: number): FaultRule;
  /** Does the work (e.g. rotates the refresh token) at once but answers `delayMs` later. */
  delayTokenResponse(delayMs: number, times?: number): FaultRule;
  hangTokenEndpoint(times?: number): FaultRule;
  /** A 200 whose body is an error (node-quickbooks#171). */
  tokenEndpointErrorBody(times?: number, body?: unknown): FaultRule;
  /** 400 invalid_grant without revoking anything. */
  rejectTokenRequests(times?: number, grantType?: 'authorization_code' | 'refresh_token'): FaultRule;
  failRevokeEndpoint(times?: number, status?: number): FaultRule;
  failQbo(times?: number, status?: number, filter?: QboFaultFilter): FaultRule;
  delayQbo(delayMs: number, times?: number, filter?: QboFaultFilter): FaultRule;
  /** Does the work (e.g. creates the invoice) at once but answers `delayMs` later. */
  delayQboResponse(delayMs: number, times?: number, filter?: QboFaultFilter): FaultRule;
  /** Moves the simulator's clock forward (token expiry, throttling windows, QBO timestamps). */
  advanceTime(ms: number): void;
  /** Every response carries this intuit_tid (null: generated ones again). */
  setIntuitTid(tid: string | null): void;
  counters(): Counters;
  refreshCallsFor(refreshToken: string): number;
  /** The newest refresh token issued for the company (latest grant). */
  latestRefreshToken(realmId: string): string | undefined;
  company(realmId: string): QboCompany;
  /** Ends delayed and hanging requests (used when the simulator closes). */
  releasePending(): void;
  /** Back to the starting state: companies reseeded, tokens, faults, counters and limits cleared. */
  reset(): void;
}

export interface ControlsDeps {
  state: SimulatorState;
  tokens: TokenAuthority;
  faults: FaultInjector;
  throttle: SlidingWindowThrottle;
  seeds: ReadonlyArray<SandboxCompanySeed>;
  initial: { lifetimes: TokenLifetimes; throttleLimits: ThrottleLimits; strictRotation: boolean };
}

export function seedCompanies(state: SimulatorState, seeds: ReadonlyArray<SandboxCompanySeed>): void {
  state.companies.clear();
  for (const seed of seeds) state.companies.set(seed.realmId, new QboCompany(seed, () => state.now()));
}

export function createControls({
  state,
  tokens,
  faults,
  throttle,
  seeds,
  initial,
}: ControlsDeps): IntuitSimulatorControls {
  const positive = (value: number, name: string) => {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number.`);
    return value;
  };

  return {
    revokeRealm: (realmId) => tokens.revokeRealm(realmId),
    revokeToken(token) {
      const grant = tokens.grantOf(token);
      if (!grant) return false;
      tokens.revokeGrant(grant);
      return true;
    },
    expireAccessTokens: (realmId) => tokens.expireAccessTokens(realmId),
    expireRefreshTokens: (realmId) => tokens.expireRefreshTokens(realmId),
    setLifetimes(lifetimes) {
      for (const [key, value] of Object.entries(lifetimes)) {
        if (!(key in state.lifetimes)) throw new RangeError(`Unknown lifetime ${key}.`);
        (state.lifetimes as unknown as Record<string, number>)[key] = positive(Number(value), key);
      }
      return { ...state.lifetimes };
    },
    setStrictRotation(enabled) {
      state.strictRotation = enabled;
    },
    setThrottleLimits(limits) {
      state.throttleLimits = { ...state.throttleLimits, ...checkThrottleLimits(limits) };
      throttle.reset();
      return { ...state.throttleLimits };
    },
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    failTokenEndpoint: (times = 1, status = 503) => faults.add({ target: 'token', times, status }),
    throttleTokenEndpoint: (times = 1) => faults.add({ target: 'token', times, status: 429 }),
    delayTokenEndpoint: (delayMs, times = 1) => faults.add({ target: 'token', times, delayMs }),
    delayTokenResponse: (delayResponseMs, times = 1) => faults.add({ target: 'token', times, delayResponseMs }),
    hangTokenEndpoint: (times = 1) => faults.add({ target: 'token', times, hang: true }),
    tokenEndpointErrorBody: (times = 1, body = { error: 'invalid_grant' }) =>
      faults.add({ target: 'token', times, status: 200, body }),
    rejectTokenRequests: (times = 1, grantType) =>
      faults.add({ target: 'token', times, status: 400, body: { error: 'invalid_grant' }, grantType }),
    failRevokeEndpoint: (times = 1, status = 500) => faults.add({ target: 'revoke', times, status }),
    failQbo: (times = 1, status = 503, filter = {}) => faults.add({ target: 'qbo', times, status, ...filter }),
    delayQbo: (delayMs, times = 1, filter = {}) => faults.add({ target: 'qbo', times, delayMs, ...filter }),
    delayQboResponse: (delayResponseMs, times = 1, filter = {}) =>
      faults.add({ target: 'qbo', times, delayResponseMs, ...filter }),
    advanceTime(ms) {
      state.timeOffsetMs += ms;
    },
    setIntuitTid(tid) {
      state.fixedIntuitTid = tid;
    },
    counters: () => structuredClone(state.counters),
    refreshCallsFor: (refreshToken) => state.counters.refreshCallsByToken[refreshToken] ?? 0,
    latestRefreshToken(realmId) {
      const grants = [...state.grants.values()].filter((g) => g.realmId === realmId);
      const latest = grants[grants.length - 1];
      return latest ? state.currentRefreshToken.get(latest.id) : undefined;
    },
    company(realmId) {
      const company = state.companies.get(realmId);
      if (!company) throw new RangeError(`No sandbox company with realm ${realmId}.`);
      return company;
    },
    releasePending: () => faults.releaseAll(),
    reset() {
      faults.releaseAll();
      state.clearAll();
      throttle.reset();
      state.lifetimes = { ...initial.lifetimes };
      state.throttleLimits = { ...initial.throttleLimits };
      state.strictRotation = initial.strictRotation;
      state.timeOffsetMs = 0;
      state.fixedIntuitTid = null;
      seedCompanies(state, seeds);
    },
  };
}
