import type { Request, Response } from 'express';
import type { Account } from '../modules/account';

export type PrincipalKind = 'session' | 'api-token';

export interface GraphQLContext {
  req: Request;
  res: Response;
  ip: string;
  requestId: string;
  account: Account | null;
  /** How the caller proved who they are: a browser/API session, or a read-only partner API token. */
  principal: PrincipalKind | null;
  /** The session row of a session principal (the JWT's `sid`); null for API tokens and anonymous requests. */
  sessionId: string | null;
  /** Writes the browser session cookie (login, verify, reset). */
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
}
