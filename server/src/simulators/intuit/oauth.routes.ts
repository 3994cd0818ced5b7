import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import type { FaultInjector } from './fault-injector';
import type { RegisteredClient, SimulatorState, TokenGrantType } from './intuit.state';
import type { TokenAuthority } from './token-authority';

/** `POST /oauth2/v1/tokens/bearer` and `POST /v2/oauth2/tokens/revoke`. */

export const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
export const REVOKE_PATH = '/v2/oauth2/tokens/revoke';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function defaultOAuthFaultBody(status: number): unknown {
  if (status === 429) return { error: 'too_many_requests' };
  if (status === 503) return { error: 'temporarily_unavailable' };
  if (status >= 500) return { error: 'server_error' };
  if (status === 401) return { error: 'invalid_client' };
  return { error: 'invalid_grant' };
}

/** Reads `Authorization: Basic base64(id:secret)` and checks it against the registered apps. */
export function authenticateClient(req: Request, clients: Map<string, RegisteredClient>): RegisteredClient | undefined {
  const header = req.get('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const client = clients.get(decoded.slice(0, colon));
  if (!client) return undefined;
  const given = Buffer.from(decoded.slice(colon + 1));
  const expected = Buffer.from(client.clientSecret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? client : undefined;
}

function grantTypeOf(value: unknown): TokenGrantType {
  return value === 'authorization_code' || value === 'refresh_token' ? value : 'other';
}

interface TokenAnswer {
  status: number;
  body: unknown;
  log: { error?: string; issuedRefreshToken?: string; realmId?: string; rotated?: boolean };
}

function refused(status: number, error: string, description?: string): TokenAnswer {
  return { status, body: { error, ...(description ? { error_description: description } : {}) }, log: { error } };
}

function answerTokenRequest(
  state: SimulatorState,
  tokens: TokenAuthority,
  req: Request,
  body: Record<string, unknown>,
  grantType: TokenGrantType,
  presented: string | undefined,
): TokenAnswer {
  const client = authenticateClient(req, state.clients);
  if (!client) return refused(401, 'invalid_client');
  const includeHard = (req.get('x-include-refresh-token-hard-expires-in') ?? '').toLowerCase() === 'true';

  if (grantType === 'authorization_code') {
    const code = typeof body.code === 'string' ? body.code : '';
    const redirectUri = typeof body.redirect_uri === 'string' ? body.redirect_uri : '';
    if (!code || !redirectUri) return refused(400, 'invalid_request');
    const outcome = tokens.exchangeCode(client.clientId, code, redirectUri, includeHard);
    if (!outcome.ok) return refused(400, outcome.error, outcome.description);
    return {
      status: 200,
      body: outcome.body,
      log: { issuedRefreshToken: outcome.refreshToken, realmId: outcome.grant.realmId },
    };
  }
  if (grantType === 'refresh_token') {
    if (!presented) return refused(400, 'invalid_request');
    const outcome = tokens.refresh(client.clientId, presented, includeHard);
    if (!outcome.ok) return refused(400, outcome.error, outcome.description);
    return {
      status: 200,
      body: outcome.body,
      log: { issuedRefreshToken: outcome.refreshToken, realmId: outcome.grant.realmId, rotated: outcome.rotated },
    };
  }
  return refused(400, body.grant_type === undefined ? 'invalid_request' : 'unsupported_grant_type');
}

/** A token answer that has just been written to the client (for tests that act at that instant, e.g. kill it). */
export interface TokenIssuedEvent {
  grantType: 'authorization_code' | 'refresh_token';
  realmId: string;
  /** The refresh token the answer carried. */
  refreshToken: string;
  /** A refresh answered a new value (the presented one is superseded). */
  rotated: boolean;
}

/** A token request has just arrived (before any fault, delay or work), for tests that act from that instant. */
export interface TokenRequestEvent {
  grantType: TokenGrantType;
}

export interface OAuthRouterHooks {
  onTokenRequest?: (event: TokenRequestEvent) => void;
  onTokenIssued?: (event: TokenIssuedEvent) => void;
}

export function createOAuthRouter(
  state: SimulatorState,
  tokens: TokenAuthority,
  faults: FaultInjector,
  hooks: OAuthRouterHooks = {},
): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  router.post(TOKEN_PATH, form, async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grantType = grantTypeOf(body.grant_type);
    const presented = typeof body.refresh_token === 'string' ? body.refresh_token : undefined;
    state.counters.tokenCalls.total += 1;
    state.counters.tokenCalls[grantType] += 1;
    if (grantType === 'refresh_token' && presented !== undefined) {
      state.counters.refreshCallsByToken[presented] = (state.counters.refreshCallsByToken[presented] ?? 0) + 1;
    }
    const at = state.now();
    hooks.onTokenRequest?.({ grantType });

    const fault = faults.take({ target: 'token', grantType });
    if (fault && (await faults.apply(fault, res, defaultOAuthFaultBody, NO_STORE))) {
      state.logTokenRequest({ at, grantType, status: fault.status ?? 0, refreshToken: presented, faulted: true });
      return;
    }

    // The work is done even when the client has gone meanwhile (a server finishes what it received).
    const answer = answerTokenRequest(state, tokens, req, body, grantType, presented);
    const entry = { at, grantType, status: answer.status, refreshToken: presented, ...answer.log, delivered: true };
    state.logTokenRequest(entry);
    // The grant is already rotated or refused here; a late answer models "Intuit did it, we did not hear back yet".
    await faults.holdResponse(fault);
    if (res.destroyed) {
      entry.delivered = false;
      return;
    }
    res.status(answer.status).set(NO_STORE).json(answer.body);
    if (answer.status === 200 && grantType !== 'other' && answer.log.issuedRefreshToken && answer.log.realmId) {
      hooks.onTokenIssued?.({
        grantType,
        realmId: answer.log.realmId,
        refreshToken: answer.log.issuedRefreshToken,
        rotated: answer.log.rotated === true,
      });
    }
  });

  // intuit-oauth sends JSON `{token}`; RFC 7009 clients send a form. Accept both.
  router.post(REVOKE_PATH, express.json({ limit: '16kb' }), form, async (req: Request, res: Response) => {
    state.counters.revokeCalls += 1;
    const fault = faults.take({ target: 'revoke' });
    if (fault && (await faults.apply(fault, res, defaultOAuthFaultBody, NO_STORE))) return;

    res.set(NO_STORE);
    const client = authenticateClient(req, state.clients);
    if (!client) {
      res.status(401).json({ error: 'invalid_client' });
      return;
    }
    const token = (req.body as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token === '') {
      res.status(400).json({ error: 'invalid_request' });
      return;
    }
    const grant = tokens.grantOf(token);
    if (grant && grant.clientId !== client.clientId) {
      res.status(400).json({ error: 'unauthorized_client' });
      return;
    }
    // RFC 7009 §2.2: an unknown or already revoked token still answers 200.
    if (grant) tokens.revokeGrant(grant);
    await faults.holdResponse(fault);
    if (!res.destroyed) res.status(200).end();
  });

  return router;
}
