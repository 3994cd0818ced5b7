import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import {
  renderConsentPage,
  renderErrorPage,
  renderSignInPage,
  type AuthorizeRequestFields,
  type CompanyChoice,
} from './authorize.page';
import type { RegisteredClient, SimulatorState } from './intuit.state';
import type { TokenAuthority } from './token-authority';

/**
 * `GET /connect/oauth2` (Intuit's authorize endpoint) and the two form posts behind it:
 * sign in, then pick a company and Authorize (302 with code/state/realmId) or Cancel
 * (302 with error=access_denied). An unknown client or redirect URI is never redirected to.
 */

export const AUTHORIZE_PATH = '/connect/oauth2';
export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

const KNOWN_SCOPES = new Set([
  ACCOUNTING_SCOPE,
  'com.intuit.quickbooks.payment',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
]);
const SESSION_TTL_MS = 15 * 60 * 1000;
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

type Validation =
  | { kind: 'page'; status: number; title: string; message: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'ok'; client: RegisteredClient; redirectUri: string; scope: string[]; state: string };

export function redirectUriAllowed(client: RegisteredClient, redirectUri: string): boolean {
  return client.redirectUris.some((allowed) =>
    typeof allowed === 'string' ? allowed === redirectUri : allowed.test(redirectUri),
  );
}

function field(source: Record<string, unknown>, name: string): string {
  const value = source[name];
  return typeof value === 'string' ? value : '';
}

function withParams(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== '') url.searchParams.set(key, value);
  return url.toString();
}

function validate(state: SimulatorState, source: Record<string, unknown>): Validation {
  const clientId = field(source, 'client_id');
  const redirectUri = field(source, 'redirect_uri');
  const client = state.clients.get(clientId);
  if (!client) {
    return {
      kind: 'page',
      status: 400,
      title: 'Invalid client',
      message: 'The client_id in this request is not a registered app.',
    };
  }
  let parsedRedirect: URL | undefined;
  try {
    parsedRedirect = new URL(redirectUri);
  } catch {
    parsedRedirect = undefined;
  }
  if (!parsedRedirect || !redirectUriAllowed(client, redirectUri)) {
    return {
      kind: 'page',
      status: 400,
      title: 'Invalid redirect URI',
      message: 'The redirect_uri in this request is not one of the redirect URIs registered for this app.',
    };
  }
  const stateParam = field(source, 'state');
  const fail = (error: string) => ({
    kind: 'redirect' as const,
    location: withParams(redirectUri, { error, state: stateParam }),
  });
  if (field(source, 'response_type') !== 'code') return fail('unsupported_response_type');
  const scope = field(source, 'scope')
    .split(/[\s+]+/)
    .filter(Boolean);
  if (!scope.includes(ACCOUNTING_SCOPE) || scope.some((s) => !KNOWN_SCOPES.has(s))) return fail('invalid_scope');
  if (!stateParam) return fail('invalid_request');
  return { kind: 'ok', client, redirectUri, scope, state: stateParam };
}

function appName(client: RegisteredClient): string {
  return client.name ?? 'Mobius';
}

function companies(state: SimulatorState): CompanyChoice[] {
  return [...state.companies.values()].map((c) => ({ realmId: c.realmId, companyName: c.companyName }));
}

function requestFields(source: Record<string, unknown>): AuthorizeRequestFields {
  return {
    client_id: field(source, 'client_id'),
    redirect_uri: field(source, 'redirect_uri'),
    response_type: field(source, 'response_type'),
    scope: field(source, 'scope'),
    state: field(source, 'state'),
  };
}

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set(PAGE_HEADERS).type('html').send(html);
}

export function createAuthorizeRouter(state: SimulatorState, tokens: TokenAuthority): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  const answerInvalid = (res: Response, result: Exclude<Validation, { kind: 'ok' }>) => {
    if (result.kind === 'redirect') res.redirect(302, result.location);
    else sendPage(res, result.status, renderErrorPage(result.title, result.message));
  };

  router.get(AUTHORIZE_PATH, (req: Request, res: Response) => {
    const source = req.query as Record<string, unknown>;
    const result = validate(state, source);
    if (result.kind !== 'ok') return answerInvalid(res, result);
    sendPage(res, 200, renderSignInPage({ appName: appName(result.client), fields: requestFields(source) }));
  });

  router.post(`${AUTHORIZE_PATH}/sign-in`, form, (req: Request, res: Response) => {
    const source = (req.body ?? {}) as Record<string, unknown>;
    const result = validate(state, source);
    if (result.kind !== 'ok') return answerInvalid(res, result);
    const email = field(source, 'email').trim();
    const password = field(source, 'password');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || password === '') {
      const error = password === '' ? 'Enter your password.' : 'Enter a valid email address.';
      sendPage(
        res,
        200,
        renderSignInPage({ appName: appName(result.client), fields: requestFields(source), email, error }),
      );
      return;
    }
    const now = state.now();
    for (const [id, session] of state.authorizeSessions)
      if (session.expiresAt <= now) state.authorizeSessions.delete(id);
    const session = {
      id: randomBytes(24).toString('base64url'),
      clientId: result.client.clientId,
      redirectUri: result.redirectUri,
      scope: result.scope,
      state: result.state,
      userEmail: email,
      expiresAt: now + SESSION_TTL_MS,
    };
    state.authorizeSessions.set(session.id, session);
    sendPage(
      res,
      200,
      renderConsentPage({
        appName: appName(result.client),
        session: session.id,
        userEmail: email,
        companies: companies(state),
      }),
    );
  });

  router.post(`${AUTHORIZE_PATH}/consent`, form, (req: Request, res: Response) => {
    const source = (req.body ?? {}) as Record<string, unknown>;
    const session = state.authorizeSessions.get(field(source, 'session'));
    const client = session ? state.clients.get(session.clientId) : undefined;
    if (!session || !client || session.expiresAt <= state.now()) {
      sendPage(res, 400, renderErrorPage('Session expired', 'This sign-in has expired or was already used.'));
      return;
    }
    if (field(source, 'decision') === 'cancel') {
      state.authorizeSessions.delete(session.id);
      res.redirect(302, withParams(session.redirectUri, { error: 'access_denied', state: session.state }));
      return;
    }
    const realmId = field(source, 'realmId');
    if (!state.companies.has(realmId)) {
      sendPage(
        res,
        200,
        renderConsentPage({
          appName: appName(client),
          session: session.id,
          userEmail: session.userEmail,
          companies: companies(state),
          error: 'Select a company to connect.',
        }),
      );
      return;
    }
    state.authorizeSessions.delete(session.id);
    const code = tokens.issueCode({
      clientId: session.clientId,
      redirectUri: session.redirectUri,
      realmId,
      scope: session.scope,
      userEmail: session.userEmail,
    });
    res.redirect(302, withParams(session.redirectUri, { code: code.code, state: session.state, realmId }));
  });

  return router;
}
