import type { Request, Response } from 'express';
import { sessionCookie } from './session-cookie';

const request = (cookies: Record<string, unknown> | undefined) => ({ cookies }) as unknown as Request;

function recordingResponse() {
  const calls: Array<[string, ...unknown[]]> = [];
  const res = {
    cookie: (...args: unknown[]) => calls.push(['cookie', ...args]),
    clearCookie: (...args: unknown[]) => calls.push(['clearCookie', ...args]),
  } as unknown as Response;
  return { res, calls };
}

describe('sessionCookie', () => {
  const expiresAt = new Date('2026-01-10T10:00:00Z');

  it('over HTTPS: __Host- prefixed, Secure, HTTP-only, SameSite=Lax, whole site', () => {
    const cookie = sessionCookie('https://mobius.example');
    const { res, calls } = recordingResponse();
    cookie.set(res, 'token-1', expiresAt);
    cookie.clear(res);
    const flags = { httpOnly: true, sameSite: 'lax', secure: true, path: '/' };
    expect(calls).toEqual([
      ['cookie', '__Host-mobius_session', 'token-1', { ...flags, expires: expiresAt }],
      ['clearCookie', '__Host-mobius_session', flags],
    ]);
    expect(cookie.read(request({ '__Host-mobius_session': 'token-1' }))).toBe('token-1');
    expect(cookie.read(request({ mobius_session: 'token-1' }))).toBeNull();
  });

  it('over plain HTTP (local): mobius_session, not Secure', () => {
    const cookie = sessionCookie('http://localhost:4000');
    const { res, calls } = recordingResponse();
    cookie.set(res, 'token-2', expiresAt);
    cookie.clear(res);
    const flags = { httpOnly: true, sameSite: 'lax', secure: false, path: '/' };
    expect(calls).toEqual([
      ['cookie', 'mobius_session', 'token-2', { ...flags, expires: expiresAt }],
      ['clearCookie', 'mobius_session', flags],
    ]);
    expect(cookie.read(request({ mobius_session: 'token-2' }))).toBe('token-2');
  });

  it('reads no session from a missing, empty or non-text cookie', () => {
    const cookie = sessionCookie('http://localhost:4000');
    expect(cookie.read(request(undefined))).toBeNull();
    expect(cookie.read(request({}))).toBeNull();
    expect(cookie.read(request({ mobius_session: '' }))).toBeNull();
    expect(cookie.read(request({ mobius_session: { a: 1 } }))).toBeNull();
  });
});
