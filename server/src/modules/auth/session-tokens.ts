import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../lib/clock';

/**
 * Session JWTs: HS256 pinned, exp required. `sid` names the session's row (session-store.ts), which one logout
 * revokes; `ver` is the account's tokenVersion, which a password reset bumps to end every session. A token
 * without `sid` (issued before sessions had rows) is refused. The secret is a
 * KeyObject made once: given a Buffer or string, jsonwebtoken tries to parse it as a public key on every call
 * (and throws), which once cost 16% of the CPU of an authenticated request (docs/performance.md).
 */

const ISSUER = 'mobius';
const AUDIENCE = 'mobius-api';
const TYPE = 'session';

export interface SessionClaims {
  accountId: string;
  tokenVersion: number;
  sessionId: string;
  expiresAt: Date;
}

export class SessionTokens {
  private readonly secret: KeyObject;

  constructor(
    secret: Buffer,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.secret = createSecretKey(secret);
  }

  issue(accountId: string, tokenVersion: number, sessionId: string): { token: string; expiresAt: Date } {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const exp = nowSeconds + this.ttlSeconds;
    const token = jwt.sign({ typ: TYPE, ver: tokenVersion, sid: sessionId, iat: nowSeconds, exp }, this.secret, {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: accountId,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Returns null for anything that is not a live, well-formed session token of ours. */
  verify(token: string): SessionClaims | null {
    if (token.length > 4096) return null;
    try {
      const payload = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (typeof payload !== 'object' || payload === null) return null;
      const { sub, ver, typ, exp, sid } = payload as jwt.JwtPayload & { ver?: unknown; typ?: unknown; sid?: unknown };
      if (typ !== TYPE || typeof sub !== 'string' || typeof ver !== 'number' || typeof exp !== 'number') return null;
      if (typeof sid !== 'string' || sid === '' || sid.length > 64) return null;
      return { accountId: sub, tokenVersion: ver, sessionId: sid, expiresAt: new Date(exp * 1000) };
    } catch {
      return null;
    }
  }
}
