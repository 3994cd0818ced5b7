import { randomBytes } from 'node:crypto';
import type { JsonObject } from './qbo-faults';
import type { AccessTokenRecord, AuthorizationCode, Grant, RefreshTokenRecord, SimulatorState } from './intuit.state';

/**
 * Issues and checks codes and tokens the way Intuit does (docs/vendors/quickbooks-online.md §9):
 * - authorization codes: single use, short-lived, bound to client + redirect_uri;
 * - access tokens: 1 h, JWE-shaped (≈ 950 chars, so column sizes are exercised);
 * - refresh tokens: a refresh answers the SAME value (its expiry unchanged, so `x_refresh_token_expires_in`
 *   shrinks) until the value is `refreshTokenRotationSeconds` old (about a day), then a new value with a new
 *   rolling ~100-day window, capped by the grant's 5-year hard expiry;
 * - a superseded value, in the lenient reading, keeps working for the grace period (24 h): using it answers
 *   a new access token and the grant's *newest* refresh token, so the chain never forks and a client that
 *   crashed before storing the new value gets it back by replaying the old one. In the strict reading
 *   (`strictRotation`) it answers invalid_grant as soon as its successor exists.
 * - revoking any token of a grant revokes the whole grant.
 */

export type TokenOutcome =
  | { ok: true; body: JsonObject; grant: Grant; refreshToken: string; rotated: boolean }
  | { ok: false; error: 'invalid_grant'; description?: string };

type TokenIssued = Extract<TokenOutcome, { ok: true }>;

export type AccessCheck =
  | { ok: true; grant: Grant; token: AccessTokenRecord }
  | { ok: false; reason: 'malformed' | 'invalid' | 'expired' | 'revoked'; detail: string };

const JWE_HEADER = 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** Intuit refresh tokens and codes look like `AB11` + epoch seconds + random text. */
function intuitOpaqueToken(epochMs: number): string {
  return `AB11${Math.floor(epochMs / 1000)}${alphanumeric(36)}`;
}

function jweLikeToken(): string {
  return `${JWE_HEADER}..${randomBytes(16).toString('base64url')}.${randomBytes(640).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
}

export class TokenAuthority {
  constructor(private readonly state: SimulatorState) {}

  issueCode(input: Omit<AuthorizationCode, 'code' | 'issuedAt' | 'expiresAt' | 'usedAt'>): AuthorizationCode {
    const now = this.state.now();
    const code: AuthorizationCode = {
      ...input,
      code: intuitOpaqueToken(now),
      issuedAt: now,
      expiresAt: now + this.state.lifetimes.authorizationCodeSeconds * 1000,
    };
    this.state.codes.set(code.code, code);
    return code;
  }

  exchangeCode(clientId: string, code: string, redirectUri: string, includeHardExpiry: boolean): TokenOutcome {
    const now = this.state.now();
    const record = this.state.codes.get(code);
    if (!record || record.clientId !== clientId || record.usedAt !== undefined || record.expiresAt <= now) {
      return { ok: false, error: 'invalid_grant' };
    }
    if (record.redirectUri !== redirectUri) return { ok: false, error: 'invalid_grant' };
    record.usedAt = now;

    const grant: Grant = {
      id: `grant-${this.state.nextSequence()}`,
      clientId,
      realmId: record.realmId,
      userEmail: record.userEmail,
      scope: record.scope,
      authorizedAt: record.issuedAt,
      hardExpiresAt: record.issuedAt + this.state.lifetimes.refreshTokenHardSeconds * 1000,
    };
    this.state.grants.set(grant.id, grant);
    const refresh = this.mintRefreshToken(grant, now);
    return this.tokenResponse(grant, refresh, now, includeHardExpiry);
  }

  refresh(clientId: string, refreshToken: string, includeHardExpiry: boolean): TokenOutcome {
    const now = this.state.now();
    const denied: TokenOutcome = {
      ok: false,
      error: 'invalid_grant',
      description: 'Incorrect or invalid refresh token',
    };
    const record = this.state.refreshTokens.get(refreshToken);
    if (!record) return denied;
    const grant = this.state.grants.get(record.grantId);
    if (!grant || grant.clientId !== clientId || grant.revokedAt !== undefined) return denied;
    if (grant.hardExpiresAt <= now || record.expiresAt <= now) return denied;

    if (record.supersededAt !== undefined) {
      const graceMs = this.state.strictRotation ? 0 : this.state.lifetimes.rotationGraceSeconds * 1000;
      if (now >= record.supersededAt + graceMs) return denied;
      const head = this.state.refreshTokens.get(this.state.currentRefreshToken.get(grant.id) ?? '');
      if (!head || head.expiresAt <= now) return denied;
      return this.tokenResponse(grant, head, now, includeHardExpiry);
    }

    // The same value again until it is a day old (its own expiry unchanged), then a new one.
    if (now < record.issuedAt + this.state.lifetimes.refreshTokenRotationSeconds * 1000) {
      return this.tokenResponse(grant, record, now, includeHardExpiry);
    }
    const next = this.mintRefreshToken(grant, now);
    record.supersededAt = now;
    record.successor = next.token;
    return { ...this.tokenResponse(grant, next, now, includeHardExpiry), rotated: true };
  }

  /** Finds the grant a token belongs to (access or refresh). */
  grantOf(token: string): Grant | undefined {
    const grantId = this.state.accessTokens.get(token)?.grantId ?? this.state.refreshTokens.get(token)?.grantId;
    return grantId ? this.state.grants.get(grantId) : undefined;
  }

  revokeGrant(grant: Grant): void {
    if (grant.revokedAt === undefined) grant.revokedAt = this.state.now();
  }

  /** Revokes every grant for a company (the user disconnected the app in QuickBooks). */
  revokeRealm(realmId: string, clientId?: string): number {
    let count = 0;
    for (const grant of this.state.grants.values()) {
      if (grant.realmId === realmId && (!clientId || grant.clientId === clientId) && grant.revokedAt === undefined) {
        this.revokeGrant(grant);
        count += 1;
      }
    }
    return count;
  }

  expireAccessTokens(realmId?: string): number {
    return this.expire(this.state.accessTokens.values(), realmId);
  }

  expireRefreshTokens(realmId?: string): number {
    return this.expire(this.state.refreshTokens.values(), realmId);
  }

  checkAccessToken(token: string): AccessCheck {
    if (token.length < 20 || token.length > 4096) {
      return { ok: false, reason: 'malformed', detail: 'Malformed bearer token: too short or too long' };
    }
    const record = this.state.accessTokens.get(token);
    const grant = record ? this.state.grants.get(record.grantId) : undefined;
    if (!record || !grant) return { ok: false, reason: 'invalid', detail: 'Token invalid' };
    if (grant.revokedAt !== undefined) return { ok: false, reason: 'revoked', detail: 'Token revoked' };
    if (record.expiresAt <= this.state.now()) {
      // Intuit echoes the start of the token; the JWE header prefix is the same for every token.
      return { ok: false, reason: 'expired', detail: `Token expired: ${token.slice(0, 10)}...` };
    }
    return { ok: true, grant, token: record };
  }

  private expire(records: Iterable<AccessTokenRecord | RefreshTokenRecord>, realmId?: string): number {
    const now = this.state.now();
    let count = 0;
    for (const record of records) {
      const grant = this.state.grants.get(record.grantId);
      if (realmId && grant?.realmId !== realmId) continue;
      if (record.expiresAt > now) {
        record.expiresAt = now;
        count += 1;
      }
    }
    return count;
  }

  private mintRefreshToken(grant: Grant, now: number): RefreshTokenRecord {
    const expiresAt = Math.min(now + this.state.lifetimes.refreshTokenSeconds * 1000, grant.hardExpiresAt);
    const record: RefreshTokenRecord = {
      token: intuitOpaqueToken(expiresAt),
      grantId: grant.id,
      issuedAt: now,
      expiresAt,
    };
    this.state.refreshTokens.set(record.token, record);
    this.state.currentRefreshToken.set(grant.id, record.token);
    return record;
  }

  private tokenResponse(
    grant: Grant,
    refresh: RefreshTokenRecord,
    now: number,
    includeHardExpiry: boolean,
  ): TokenIssued {
    const access: AccessTokenRecord = {
      token: jweLikeToken(),
      grantId: grant.id,
      issuedAt: now,
      expiresAt: now + this.state.lifetimes.accessTokenSeconds * 1000,
    };
    this.state.accessTokens.set(access.token, access);
    const body: JsonObject = {
      token_type: 'bearer',
      access_token: access.token,
      expires_in: this.state.lifetimes.accessTokenSeconds,
      refresh_token: refresh.token,
      x_refresh_token_expires_in: Math.max(0, Math.floor((refresh.expiresAt - now) / 1000)),
    };
    if (includeHardExpiry) {
      body.x_refresh_token_hard_expires_in = Math.max(0, Math.floor((grant.hardExpiresAt - now) / 1000));
    }
    return { ok: true, body, grant, refreshToken: refresh.token, rotated: false };
  }
}
