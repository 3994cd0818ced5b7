import { completeAuthorization } from './authorize.flow';
import { startIntuitSimulator, type RunningIntuitSimulator } from './intuit.simulator';

const CLIENT_ID = 'mobius-simulator-client';
const CLIENT_SECRET = 'mobius-simulator-secret';
const REDIRECT_URI = 'http://localhost:4000/oauth/quickbooks/callback';
const REALM_1 = '9130357000000001';
const REALM_2 = '9130357000000002';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

let sim: RunningIntuitSimulator;
let clock = Date.parse('2026-03-02T17:00:00Z');

beforeAll(async () => {
  sim = await startIntuitSimulator({ now: () => clock });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  clock = Date.parse('2026-03-02T17:00:00Z');
  sim.controls.reset();
});

function authorizeUrl(overrides: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    state: 'state-123',
    ...overrides,
  };
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return `${sim.urls.authorize}?${query.toString()}`;
}

async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(sim.urls.token, {
    method: 'POST',
    headers: {
      Authorization: BASIC,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

async function connect(realmId = REALM_1): Promise<{ accessToken: string; refreshToken: string }> {
  const outcome = await completeAuthorization(authorizeUrl(), { realmId });
  const { body } = await tokenRequest({
    grant_type: 'authorization_code',
    code: outcome.code!,
    redirect_uri: REDIRECT_URI,
  });
  return { accessToken: String(body!.access_token), refreshToken: String(body!.refresh_token) };
}

async function qbo(
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; realmId?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}/v3/company/${init.realmId ?? REALM_1}/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

function firstError(body: Record<string, unknown>): Record<string, unknown> {
  return (body.Fault as { Error: Array<Record<string, unknown>> }).Error[0] ?? {};
}

describe('Intuit simulator: authorize page', () => {
  it('renders an accessible sign-in page with stable ids', async () => {
    const response = await fetch(authorizeUrl());
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('intuit_tid')).toMatch(/^1-/);
    expect(html).toContain('Welcome to Intuit App Center');
    expect(html).toMatch(/<label for="email">/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toContain('id="sign-in"');
    expect(html).toContain('value="demo@intuit.test"');
  });

  it('lists the sandbox companies as labelled radios with Authorize and Cancel after sign-in', async () => {
    const first = await (await fetch(authorizeUrl())).text();
    const hidden = Object.fromEntries(
      [...first.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    const response = await fetch(`${sim.url}/connect/oauth2/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...hidden, email: 'someone@example.test', password: 'x' }).toString(),
    });
    const html = await response.text();
    expect(html).toContain(`<label for="company-${REALM_1}">Sandbox Company US 1</label>`);
    expect(html).toContain(`<label for="company-${REALM_2}">Northwind Traders (Sandbox)</label>`);
    expect(html).toContain('id="authorize">Authorize</button>');
    expect(html).toContain('id="cancel">Cancel</button>');
    expect(html).toContain('someone@example.test');
  });

  it('escapes request values it echoes into the page', async () => {
    const html = await (await fetch(authorizeUrl({ state: '"><script>alert(1)</script>' }))).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('redirects back with code, state and the chosen realmId on Authorize', async () => {
    const outcome = await completeAuthorization(authorizeUrl(), { realmId: REALM_2 });
    expect(outcome.location.startsWith(`${REDIRECT_URI}?code=`)).toBe(true);
    expect(outcome).toMatchObject({ state: 'state-123', realmId: REALM_2 });
    expect(outcome.code).toMatch(/^AB11\d{10}/);
  });

  it('redirects back with error=access_denied on Cancel', async () => {
    const outcome = await completeAuthorization(authorizeUrl(), { decision: 'cancel' });
    expect(outcome).toMatchObject({ error: 'access_denied', state: 'state-123' });
    expect(outcome.code).toBeUndefined();
  });

  it('never redirects to an unregistered redirect_uri or for an unknown client', async () => {
    for (const url of [
      authorizeUrl({ redirect_uri: 'https://evil.test/callback' }),
      authorizeUrl({ client_id: 'nope' }),
    ]) {
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('answers protocol errors on the registered redirect_uri', async () => {
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{ scope: 'openid' }, 'invalid_scope'],
      [{ scope: undefined }, 'invalid_scope'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ state: undefined }, 'invalid_request'],
    ];
    for (const [overrides, error] of cases) {
      const response = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe(error);
    }
  });
});

describe('Intuit simulator: token endpoint', () => {
  it('issues Intuit-shaped tokens, with the hard expiry only when asked', async () => {
    const outcome = await completeAuthorization(authorizeUrl());
    const { status, headers, body } = await tokenRequest(
      { grant_type: 'authorization_code', code: outcome.code!, redirect_uri: REDIRECT_URI },
      { 'x-include-refresh-token-hard-expires-in': 'true' },
    );
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('intuit_tid')).toBeTruthy();
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
      x_refresh_token_hard_expires_in: 5 * 365 * 24 * 3600,
    });
    expect(String(body!.access_token).length).toBeGreaterThan(800);

    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: String(body!.refresh_token) });
    expect(refreshed.body).not.toHaveProperty('x_refresh_token_hard_expires_in');
  });

  it('rejects bad client credentials with 401 invalid_client', async () => {
    const { status, body } = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: 'x' },
      { Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:wrong`).toString('base64')}` },
    );
    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_client' });
  });

  it('refuses an expired code and a redirect_uri that differs from the authorization', async () => {
    const first = await completeAuthorization(authorizeUrl());
    const mismatch = await tokenRequest({
      grant_type: 'authorization_code',
      code: first.code!,
      redirect_uri: 'http://localhost:5000/oauth/quickbooks/callback',
    });
    expect(mismatch).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const second = await completeAuthorization(authorizeUrl());
    clock += 5 * 60 * 1000 + 1;
    const expired = await tokenRequest({
      grant_type: 'authorization_code',
      code: second.code!,
      redirect_uri: REDIRECT_URI,
    });
    expect(expired).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('counts calls by grant type and per refresh token', async () => {
    const { refreshToken } = await connect();
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    await tokenRequest({ grant_type: 'password' });
    const counters = sim.controls.counters();
    expect(counters.tokenCalls).toEqual({ total: 4, authorization_code: 1, refresh_token: 2, other: 1 });
    expect(sim.controls.refreshCallsFor(refreshToken)).toBe(2);
  });

  it('expires refresh tokens on the rolling window and at the hard cap', async () => {
    // A new value on every refresh here, so each one starts a new rolling window.
    sim.controls.setLifetimes({
      refreshTokenSeconds: 100,
      refreshTokenHardSeconds: 250,
      refreshTokenRotationSeconds: 0,
    });
    const { refreshToken } = await connect();
    clock += 90_000;
    const second = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(second.status).toBe(200);
    expect(second.body!.x_refresh_token_expires_in).toBe(100);
    clock += 101_000;
    const tooLate = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: String(second.body!.refresh_token),
    });
    expect(tooLate.body).toMatchObject({ error: 'invalid_grant' });

    const { refreshToken: fresh } = await connect();
    let current = fresh;
    for (let i = 0; i < 3; i += 1) {
      clock += 90_000;
      const step = await tokenRequest({ grant_type: 'refresh_token', refresh_token: current });
      if (step.status !== 200) {
        expect(step.body).toMatchObject({ error: 'invalid_grant' });
        expect(i).toBe(2);
        return;
      }
      current = String(step.body!.refresh_token);
    }
    throw new Error('the hard cap never applied');
  });

  const refresh = (refreshToken: string) => tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const HOUR_MS = 3600 * 1000;

  it('answers the same refresh token value for a day, its expiry shrinking, then a new value', async () => {
    const { refreshToken: rt1 } = await connect();
    clock += HOUR_MS;
    const sameValue = await refresh(rt1);
    expect(sameValue.body).toMatchObject({ refresh_token: rt1, x_refresh_token_expires_in: 8726400 - 3600 });
    clock += 22 * HOUR_MS;
    expect((await refresh(rt1)).body).toMatchObject({
      refresh_token: rt1,
      x_refresh_token_expires_in: 8726400 - 23 * 3600,
    });
    clock += HOUR_MS;
    const rotated = await refresh(rt1);
    const rt2 = String(rotated.body!.refresh_token);
    expect(rt2).not.toBe(rt1);
    expect(rotated.body!.x_refresh_token_expires_in).toBe(8726400);
    expect(sim.state.tokenRequests.map((r) => r.rotated)).toEqual([undefined, false, false, true]);
    expect(sim.controls.latestRefreshToken(REALM_1)).toBe(rt2);
  });

  it('lenient reading: a superseded value keeps working for 24 h and answers the same newest value', async () => {
    const { refreshToken: rt1 } = await connect();
    clock += 24 * HOUR_MS;
    const rt2 = String((await refresh(rt1)).body!.refresh_token);
    expect(rt2).not.toBe(rt1);
    clock += 23 * HOUR_MS;
    expect((await refresh(rt1)).body).toMatchObject({ refresh_token: rt2 });
    expect((await refresh(rt2)).body).toMatchObject({ refresh_token: rt2 });
    clock += HOUR_MS;
    expect(await refresh(rt1)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // rt2 is a day old now: its next refresh answers a new value.
    expect((await refresh(rt2)).body!.refresh_token).not.toBe(rt2);
  });

  it('strict reading: a superseded value is refused at once, a value answered again within the day is not', async () => {
    sim.controls.setStrictRotation(true);
    const { refreshToken: rt1 } = await connect();
    clock += HOUR_MS;
    expect((await refresh(rt1)).body).toMatchObject({ refresh_token: rt1 });
    expect((await refresh(rt1)).body).toMatchObject({ refresh_token: rt1 });
    clock += 23 * HOUR_MS;
    const rt2 = String((await refresh(rt1)).body!.refresh_token);
    expect(rt2).not.toBe(rt1);
    expect(await refresh(rt1)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await refresh(rt2)).body).toMatchObject({ refresh_token: rt2 });
    const log = sim.state.tokenRequests.filter((r) => r.grantType === 'refresh_token');
    expect(log.map((r) => [r.status, r.rotated ?? null])).toEqual([
      [200, false],
      [200, false],
      [200, true],
      [400, null],
      [200, false],
    ]);
  });

  it('rotates for a client that has gone before the answer, and says it was not delivered', async () => {
    sim.controls.setStrictRotation(true);
    const { refreshToken: rt1 } = await connect();
    clock += 24 * HOUR_MS;
    sim.controls.delayTokenEndpoint(300);
    const controller = new AbortController();
    const pending = fetch(sim.urls.token, {
      method: 'POST',
      headers: { Authorization: BASIC, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt1 }).toString(),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await pending).toBe('aborted');
    for (let i = 0; i < 100 && sim.state.tokenRequests.length < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(sim.state.tokenRequests.at(-1)).toMatchObject({ rotated: true, delivered: false });
    expect(sim.controls.latestRefreshToken(REALM_1)).not.toBe(rt1);
    expect(await refresh(rt1)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('revokes the whole grant from either token and answers 200 for unknown tokens', async () => {
    const { accessToken, refreshToken } = await connect();
    const revoke = (token: string) =>
      fetch(sim.urls.revoke, {
        method: 'POST',
        headers: { Authorization: BASIC, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token }),
      });
    expect((await revoke(accessToken)).status).toBe(200);
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken })).body).toMatchObject({
      error: 'invalid_grant',
    });
    expect((await qbo(accessToken, 'companyinfo/9130357000000001')).status).toBe(401);
    expect((await revoke('not-a-token')).status).toBe(200);
  });

  it('answers injected faults in order, then recovers', async () => {
    const { refreshToken } = await connect();
    sim.controls.failTokenEndpoint(2, 503);
    sim.controls.tokenEndpointErrorBody(1);
    const statuses: unknown[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { status, body } = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
      statuses.push([status, body?.error ?? 'tokens']);
    }
    expect(statuses).toEqual([
      [503, 'temporarily_unavailable'],
      [503, 'temporarily_unavailable'],
      [200, 'invalid_grant'],
      [200, 'tokens'],
    ]);
  });

  it('can be slowed down for a given time', async () => {
    const { refreshToken } = await connect();
    sim.controls.delayTokenEndpoint(150);
    const started = Date.now();
    const { status } = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('Intuit simulator: QBO API', () => {
  it('answers 401 with the lower-case fault for a missing, unknown or expired token', async () => {
    const { accessToken } = await connect();
    const missing = await qbo(undefined, 'companyinfo/9130357000000001');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      fault: { error: [{ code: '3200' }], type: 'AUTHENTICATION' },
      batchItemResponse: [],
    });
    expect(typeof missing.body.time).toBe('number');

    sim.controls.expireAccessTokens();
    const expired = await qbo(accessToken, 'companyinfo/9130357000000001');
    expect(expired.status).toBe(401);
    const error = (expired.body.fault as { error: Array<{ message: string; detail: string }> }).error[0];
    expect(error.message).toBe('message=AuthenticationFailed; errorCode=003200; statusCode=401');
    expect(error.detail).toMatch(/^Token expired/);
    expect(expired.body).not.toHaveProperty('Fault');
  });

  it('answers 403 code 3100 for another realm', async () => {
    const { accessToken } = await connect(REALM_1);
    const response = await qbo(accessToken, `companyinfo/${REALM_2}`, { realmId: REALM_2 });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ fault: { error: [{ code: '3100' }], type: 'SERVICE' } });
  });

  it('serves CompanyInfo and the seeded chart of accounts, tax codes and the Dell Technologies vendor', async () => {
    const { accessToken } = await connect();
    const info = await qbo(accessToken, `companyinfo/${REALM_1}?minorversion=75`);
    expect(info.body.CompanyInfo).toMatchObject({ CompanyName: 'Sandbox Company US 1' });
    expect(typeof info.body.time).toBe('string');

    const query = (q: string) => qbo(accessToken, `query?query=${encodeURIComponent(q)}&minorversion=75`);
    const income = await query("select * from Account where AccountType = 'Income'");
    const names = (income.body.QueryResponse as { Account: Array<{ Name: string }> }).Account.map((a) => a.Name);
    expect(names).toEqual(expect.arrayContaining(['Services', 'Sales of Product Income']));
    const ar = await query("select * from Account where AccountType = 'Accounts Receivable'");
    expect((ar.body.QueryResponse as { Account: unknown[] }).Account).toHaveLength(1);
    const taxCodes = await query('select * from TaxCode');
    expect((taxCodes.body.QueryResponse as { TaxCode: Array<{ Id: string }> }).TaxCode.map((t) => t.Id).sort()).toEqual(
      ['NON', 'TAX'],
    );
    const vendor = await query("select * from Vendor where DisplayName = 'Dell Technologies'");
    expect(vendor.body.QueryResponse).toMatchObject({
      Vendor: [{ DisplayName: 'Dell Technologies' }],
      startPosition: 1,
      maxResults: 1,
    });
    const none = await query("select * from Customer where DisplayName = 'Nobody'");
    expect(none.body.QueryResponse).toEqual({});
    const count = await query('select count(*) from Customer');
    expect(count.body.QueryResponse).toEqual({ totalCount: 4 });
    expect(sim.state.qboRequests.at(-1)).toMatchObject({ minorversion: '75', status: 200 });
  });

  it('computes invoice totals, adds a SubTotalLineDetail line and checks Amount = Qty × UnitPrice', async () => {
    const { accessToken } = await connect();
    const line = (amount: number, qty: number, price: number) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: amount,
      SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: qty, UnitPrice: price, TaxCodeRef: { value: 'NON' } },
    });
    const created = await qbo(accessToken, 'invoice', {
      method: 'POST',
      body: { CustomerRef: { value: '1' }, DocNumber: 'PSA-1', Line: [line(150, 1, 150), line(37.5, 2.5, 15)] },
    });
    expect(created.status).toBe(200);
    const invoice = created.body.Invoice as Record<string, unknown> & { Line: Array<Record<string, unknown>> };
    expect(invoice).toMatchObject({
      Id: expect.any(String),
      SyncToken: '0',
      TotalAmt: 187.5,
      Balance: 187.5,
      DocNumber: 'PSA-1',
    });
    expect(invoice.CustomerRef).toEqual({ value: '1', name: "Amy's Bird Sanctuary" });
    expect(invoice.Line.at(-1)).toEqual({ Amount: 187.5, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    expect(invoice.MetaData).toMatchObject({ CreateTime: expect.stringMatching(/-0[78]:00$/) });

    const wrong = await qbo(accessToken, 'invoice', {
      method: 'POST',
      body: { CustomerRef: { value: '1' }, Line: [line(100, 3, 40)] },
    });
    expect(wrong.status).toBe(400);
    expect(firstError(wrong.body)).toMatchObject({ code: '6070' });

    const noLines = await qbo(accessToken, 'invoice', {
      method: 'POST',
      body: { CustomerRef: { value: '1' }, Line: [] },
    });
    expect(firstError(noLines.body)).toMatchObject({ code: '2020' });
    const noCustomer = await qbo(accessToken, 'invoice', {
      method: 'POST',
      body: { CustomerRef: { value: '999' }, Line: [line(1, 1, 1)] },
    });
    expect(firstError(noCustomer.body)).toMatchObject({ code: '2500', Message: 'Invalid Reference Id' });
    const duplicateDoc = await qbo(accessToken, 'invoice', {
      method: 'POST',
      body: { CustomerRef: { value: '1' }, DocNumber: 'PSA-1', Line: [line(1, 1, 1)] },
    });
    expect(firstError(duplicateDoc.body)).toMatchObject({ code: '6140' });
  });

  it('rejects a duplicate DisplayName across customers, vendors and employees with 6240', async () => {
    const { accessToken } = await connect();
    for (const name of ['Dell Technologies', 'emily platt', "Amy's Bird Sanctuary "]) {
      const response = await qbo(accessToken, 'customer', { method: 'POST', body: { DisplayName: name } });
      expect(response.status).toBe(400);
      expect(response.body.Fault).toMatchObject({
        type: 'ValidationFault',
        Error: [{ code: '6240', Message: 'Duplicate Name Exists Error' }],
      });
    }
  });

  it('updates with Id + SyncToken (sparse), refuses stale tokens and renames onto taken names, and deletes invoices', async () => {
    const { accessToken } = await connect();
    const created = (await qbo(accessToken, 'customer', { method: 'POST', body: { DisplayName: 'Renamable' } })).body
      .Customer as Record<string, unknown>;
    const renamed = await qbo(accessToken, 'customer', {
      method: 'POST',
      body: { Id: created.Id, SyncToken: '0', sparse: true, DisplayName: 'Renamed' },
    });
    expect(renamed.body.Customer).toMatchObject({ Id: created.Id, SyncToken: '1', DisplayName: 'Renamed' });
    const stale = await qbo(accessToken, 'customer', {
      method: 'POST',
      body: { Id: created.Id, SyncToken: '0', sparse: true, Notes: 'late' },
    });
    expect(firstError(stale.body)).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    const taken = await qbo(accessToken, 'customer', {
      method: 'POST',
      body: { Id: created.Id, SyncToken: '1', sparse: true, DisplayName: 'Cool Cars' },
    });
    expect(firstError(taken.body)).toMatchObject({ code: '6240' });
    const missing = await qbo(accessToken, 'customer/424242');
    expect(firstError(missing.body)).toMatchObject({ code: '610', Message: 'Object Not Found' });

    const invoice = (
      await qbo(accessToken, 'invoice', {
        method: 'POST',
        body: {
          CustomerRef: { value: '1' },
          Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: {} }],
        },
      })
    ).body.Invoice as Record<string, unknown>;
    expect(invoice).toMatchObject({ DocNumber: '1001', TotalAmt: 10 });
    const deleted = await qbo(accessToken, 'invoice?operation=delete', {
      method: 'POST',
      body: { Id: invoice.Id, SyncToken: invoice.SyncToken },
    });
    expect(deleted.body.Invoice).toEqual({ status: 'Deleted', domain: 'QBO', Id: invoice.Id });
    expect(firstError((await qbo(accessToken, `invoice/${String(invoice.Id)}`)).body)).toMatchObject({ code: '610' });
  });

  it('validates items: a name, an existing income account, inventory fields', async () => {
    const { accessToken } = await connect();
    const post = (body: unknown) => qbo(accessToken, 'item', { method: 'POST', body });
    expect(firstError((await post({ Type: 'Service', IncomeAccountRef: { value: '6' } })).body)).toMatchObject({
      code: '2020',
    });
    expect(
      firstError((await post({ Name: 'X', Type: 'Service', IncomeAccountRef: { value: '999' } })).body),
    ).toMatchObject({
      code: '2500',
    });
    expect(firstError((await post({ Name: 'X', Type: 'Service' })).body)).toMatchObject({ code: '6000' });
    expect(
      firstError((await post({ Name: 'Widget', Type: 'Inventory', IncomeAccountRef: { value: '7' } })).body),
    ).toMatchObject({
      code: '2020',
    });
    expect(
      (await post({ Name: 'Services', Type: 'Service', IncomeAccountRef: { value: '6' } })).body.Fault,
    ).toMatchObject({
      Error: [{ code: '6240' }],
    });
  });

  it('refuses an over-long requestid', async () => {
    const { accessToken } = await connect();
    const response = await qbo(accessToken, `customer?requestid=${'r'.repeat(51)}`, {
      method: 'POST',
      body: { DisplayName: 'R' },
    });
    expect(response.status).toBe(400);
  });

  it('runs batches with per-item faults inside a 200 and refuses more than 30 items', async () => {
    const { accessToken } = await connect();
    const batch = await qbo(accessToken, 'batch', {
      method: 'POST',
      body: {
        BatchItemRequest: [
          { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Batch Customer' } },
          { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Dell Technologies' } },
          { bId: 'b3', Query: "select * from Item where Name = 'Services'" },
        ],
      },
    });
    expect(batch.status).toBe(200);
    const items = batch.body.BatchItemResponse as Array<Record<string, unknown>>;
    expect(items[0]).toMatchObject({ bId: 'b1', Customer: { DisplayName: 'Batch Customer' } });
    expect(items[1]).toMatchObject({ bId: 'b2', Fault: { type: 'ValidationFault', Error: [{ code: '6240' }] } });
    expect(items[2]).toMatchObject({ bId: 'b3', QueryResponse: { Item: [{ Name: 'Services' }] } });

    const tooMany = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, Query: 'select * from Item' }));
    const refused = await qbo(accessToken, 'batch', { method: 'POST', body: { BatchItemRequest: tooMany } });
    expect(refused.status).toBe(400);
  });

  it('replays the original answer for a repeated requestid without creating twice', async () => {
    const { accessToken } = await connect();
    const body = { DisplayName: 'Idempotent Inc' };
    const first = await qbo(accessToken, 'customer?requestid=abc-1', { method: 'POST', body });
    const second = await qbo(accessToken, 'customer?requestid=abc-1', { method: 'POST', body });
    expect(second.body).toEqual(first.body);
    const count = await qbo(
      accessToken,
      `query?query=${encodeURIComponent("select count(*) from Customer where DisplayName = 'Idempotent Inc'")}`,
    );
    expect(count.body.QueryResponse).toEqual({ totalCount: 1 });
    expect(sim.state.qboRequests.filter((r) => r.replayed)).toHaveLength(1);
  });

  it('throttles per realm+app per second and per realm per minute with fault 3001', async () => {
    sim.controls.setThrottleLimits({ requestsPerSecondPerRealmApp: 3, requestsPerMinutePerRealm: 5 });
    const { accessToken } = await connect();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await qbo(accessToken, `companyinfo/${REALM_1}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    clock += 1001;
    const throttled = await qbo(accessToken, `companyinfo/${REALM_1}`);
    expect(throttled.status).toBe(200);
    await qbo(accessToken, `companyinfo/${REALM_1}`);
    const perMinute = await qbo(accessToken, `companyinfo/${REALM_1}`);
    expect(perMinute.status).toBe(429);
    expect(perMinute.body).toMatchObject({
      Fault: {
        type: 'SERVICE',
        Error: [{ code: '3001', Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' }],
      },
    });
    clock += 60_001;
    expect((await qbo(accessToken, `companyinfo/${REALM_1}`)).status).toBe(200);
  });

  it('limits batch requests per minute per realm+app', async () => {
    sim.controls.setThrottleLimits({ batchPerMinutePerRealmApp: 2 });
    const { accessToken } = await connect();
    const body = { BatchItemRequest: [{ bId: 'q', Query: 'select * from TaxCode' }] };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      clock += 1000;
      statuses.push((await qbo(accessToken, 'batch', { method: 'POST', body })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('can answer 5xx or slowly for chosen requests', async () => {
    const { accessToken } = await connect();
    sim.controls.failQbo(1, 503, { pathIncludes: 'invoice' });
    expect((await qbo(accessToken, `companyinfo/${REALM_1}`)).status).toBe(200);
    const failed = await qbo(accessToken, 'invoice', { method: 'POST', body: {} });
    expect(failed.status).toBe(503);
    expect(failed.body.Fault).toMatchObject({ type: 'SystemFault' });
  });
});

describe('Intuit simulator: names QBO refuses', () => {
  const invalidCharacters = (element: string, value: string) => ({
    Message: 'Invalid String. The String may contain unsupported or illegal chars',
    Detail: `Element contains invalid characters. ${value}`,
    code: '2040',
    element,
  });

  it.each([
    ['customer', { DisplayName: 'Parent:Child Co' }, 'DisplayName', 'Parent:Child Co'],
    ['customer', { DisplayName: 'Tab\tCo' }, 'DisplayName', 'Tab\tCo'],
    ['customer', { DisplayName: 'New\nLine Co' }, 'DisplayName', 'New\nLine Co'],
    ['customer', { DisplayName: 'Trailing newline\n' }, 'DisplayName', 'Trailing newline\n'],
    ['customer', { GivenName: 'Jo:hn', FamilyName: 'Smith' }, 'GivenName', 'Jo:hn'],
    ['vendor', { DisplayName: 'Vendor: One' }, 'DisplayName', 'Vendor: One'],
    ['employee', { DisplayName: 'Pat', FamilyName: 'Lee\r' }, 'FamilyName', 'Lee\r'],
    ['item', { Name: 'Labor:Remote', Type: 'Service', IncomeAccountRef: { value: '6' } }, 'Name', 'Labor:Remote'],
    ['item', { Name: 'Labor\tRemote', Type: 'Service', IncomeAccountRef: { value: '6' } }, 'Name', 'Labor\tRemote'],
  ])('POST /%s %j → 400 ValidationFault 2040', async (path, body, element, value) => {
    const { accessToken } = await connect();
    const response = await qbo(accessToken, path, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      Fault: { Error: [invalidCharacters(element, value)], type: 'ValidationFault' },
      time: expect.any(String),
    });
  });

  it('refuses a DisplayName over 500 characters and an item Name over 100 with 2050, and accepts the limits', async () => {
    const { accessToken } = await connect();
    const long = await qbo(accessToken, 'customer', { method: 'POST', body: { DisplayName: 'D'.repeat(501) } });
    expect(long.status).toBe(400);
    expect(firstError(long.body)).toEqual({
      Message: 'String length is either shorter or longer than supported by specification',
      Detail:
        'String length specified does not match the supported length. Min:0 Max:500 supported. Supplied length:501',
      code: '2050',
      element: 'DisplayName',
    });
    expect(
      (await qbo(accessToken, 'customer', { method: 'POST', body: { DisplayName: 'D'.repeat(500) } })).status,
    ).toBe(200);
    const item = (name: string) => ({ Name: name, Type: 'Service', IncomeAccountRef: { value: '6' } });
    const longItem = await qbo(accessToken, 'item', { method: 'POST', body: item('I'.repeat(101)) });
    expect(firstError(longItem.body)).toMatchObject({
      code: '2050',
      element: 'Name',
      Detail: expect.stringContaining('Max:100'),
    });
    expect((await qbo(accessToken, 'item', { method: 'POST', body: item('I'.repeat(100)) })).status).toBe(200);
    const title = await qbo(accessToken, 'customer', {
      method: 'POST',
      body: { Title: 'T'.repeat(17), GivenName: 'X' },
    });
    expect(firstError(title.body)).toMatchObject({ code: '2050', element: 'Title' });
  });

  it('refuses such a name on update and inside a batch (per-item fault)', async () => {
    const { accessToken } = await connect();
    const created = (await qbo(accessToken, 'customer', { method: 'POST', body: { DisplayName: 'Fine Name' } })).body
      .Customer as Record<string, unknown>;
    const update = await qbo(accessToken, 'customer', {
      method: 'POST',
      body: { Id: created.Id, SyncToken: '0', sparse: true, DisplayName: 'Not:Fine' },
    });
    expect(firstError(update.body)).toMatchObject({ code: '2040' });
    const batch = await qbo(accessToken, 'batch', {
      method: 'POST',
      body: { BatchItemRequest: [{ bId: 'c1', operation: 'create', Customer: { DisplayName: 'A:B' } }] },
    });
    expect(batch.status).toBe(200);
    expect((batch.body.BatchItemResponse as unknown[])[0]).toMatchObject({
      bId: 'c1',
      Fault: { type: 'ValidationFault', Error: [{ code: '2040', element: 'DisplayName' }] },
    });
  });
});

describe('Intuit simulator: query validation', () => {
  const notQueryable = (property: string) => ({
    Fault: {
      Error: [
        {
          Message: 'Invalid query',
          Detail: `QueryValidationError: property '${property}' is not queryable`,
          code: '4001',
        },
      ],
      type: 'ValidationFault',
    },
    time: expect.any(String),
  });

  it.each([
    ["select * from Invoice where Foo = '1'", 'Foo'],
    ["select * from Customer where DisplayName = 'x' and Nickname = 'y'", 'Nickname'],
    ['select * from Invoice orderby Bar desc', 'Bar'],
    ["select count(*) from CreditMemo where DueDate > '2025-01-01'", 'DueDate'],
    ["select * from Vendor where Balance > '0'", 'Balance'],
    ["select * from Account where AcctNum = '1200'", 'AcctNum'],
  ])('%s → 400 QueryValidationError naming %s', async (statement, property) => {
    const { accessToken } = await connect();
    const response = await qbo(accessToken, `query?query=${encodeURIComponent(statement)}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(notQueryable(property));
  });

  it('answers the fault inside a batch Query item, and runs queries on known properties', async () => {
    const { accessToken } = await connect();
    const batch = await qbo(accessToken, 'batch', {
      method: 'POST',
      body: {
        BatchItemRequest: [
          { bId: 'q1', Query: "select * from Item where Colour = 'red'" },
          { bId: 'q2', Query: "select * from Item where Name IN ('Services', 'Hours') orderby Name" },
        ],
      },
    });
    const [bad, good] = batch.body.BatchItemResponse as Array<Record<string, unknown>>;
    expect(bad).toMatchObject({ bId: 'q1', Fault: { Error: [{ code: '4001' }], type: 'ValidationFault' } });
    expect((bad.Fault as { Error: Array<Record<string, unknown>> }).Error[0]).not.toHaveProperty('element');
    expect(good).toMatchObject({ bId: 'q2', QueryResponse: { Item: [{ Name: 'Hours' }, { Name: 'Services' }] } });
  });
});

describe('Intuit simulator: requestid', () => {
  it('replays only on the endpoint that first saw the requestid', async () => {
    const { accessToken } = await connect();
    const customer = await qbo(accessToken, 'customer?requestid=same-id', {
      method: 'POST',
      body: { DisplayName: 'Requested Once' },
    });
    const item = await qbo(accessToken, 'item?requestid=same-id', {
      method: 'POST',
      body: { Name: 'Requested Item', Type: 'Service', IncomeAccountRef: { value: '6' } },
    });
    expect(customer.body.Customer).toMatchObject({ DisplayName: 'Requested Once' });
    expect(item.status).toBe(200);
    expect(item.body.Item).toMatchObject({ Name: 'Requested Item' });
    const again = await qbo(accessToken, 'item?requestid=same-id', {
      method: 'POST',
      body: { Name: 'Something Else', Type: 'Service', IncomeAccountRef: { value: '6' } },
    });
    expect(again.body).toEqual(item.body);
    const replayed = sim.state.qboRequests.filter((request) => request.replayed).map((request) => request.path);
    expect(replayed).toEqual(['/item']);
  });
});

describe('Intuit simulator: CreditMemo', () => {
  const line = (amount: number, qty: number, price: number) => ({
    DetailType: 'SalesItemLineDetail',
    Amount: amount,
    Description: 'Service credit',
    SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: qty, UnitPrice: price, TaxCodeRef: { value: 'NON' } },
  });
  const balance = async (token: string) =>
    ((await qbo(token, 'customer/1')).body.Customer as { Balance: number }).Balance;

  it('creates, reads, queries and deletes a credit memo, which takes its total off the customer balance', async () => {
    const { accessToken } = await connect();
    await qbo(accessToken, 'invoice', {
      method: 'POST',
      body: { CustomerRef: { value: '1' }, DocNumber: '24101', Line: [line(500, 2, 250)] },
    });
    expect(await balance(accessToken)).toBe(500);

    const created = await qbo(accessToken, 'creditmemo', {
      method: 'POST',
      body: { CustomerRef: { value: '1' }, DocNumber: '24115', TxnDate: '2025-10-31', Line: [line(125, 0.5, 250)] },
    });
    expect(created.status).toBe(200);
    const memo = created.body.CreditMemo as Record<string, unknown> & { Line: Array<Record<string, unknown>> };
    expect(memo).toMatchObject({
      Id: expect.any(String),
      SyncToken: '0',
      DocNumber: '24115',
      TxnDate: '2025-10-31',
      TotalAmt: 125,
      RemainingCredit: 125,
      Balance: 125,
      CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
      domain: 'QBO',
    });
    expect(memo).not.toHaveProperty('DueDate');
    expect(memo.Line.at(-1)).toEqual({ Amount: 125, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    expect(await balance(accessToken)).toBe(375);

    expect((await qbo(accessToken, `creditmemo/${String(memo.Id)}`)).body.CreditMemo).toMatchObject({ Id: memo.Id });
    const query = await qbo(
      accessToken,
      `query?query=${encodeURIComponent("select * from CreditMemo where DocNumber = '24115'")}`,
    );
    expect(query.body.QueryResponse).toMatchObject({ CreditMemo: [{ Id: memo.Id }], maxResults: 1 });

    const deleted = await qbo(accessToken, 'creditmemo?operation=delete', {
      method: 'POST',
      body: { Id: memo.Id, SyncToken: '0' },
    });
    expect(deleted.body.CreditMemo).toEqual({ status: 'Deleted', domain: 'QBO', Id: memo.Id });
    expect(await balance(accessToken)).toBe(500);
  });

  it('applies the invoice rules QBO has for credit memos, and refuses a DueDate', async () => {
    const { accessToken } = await connect();
    const post = (body: unknown) => qbo(accessToken, 'creditmemo', { method: 'POST', body });
    expect(firstError((await post({ Line: [line(1, 1, 1)] })).body)).toMatchObject({ code: '2020' });
    expect(firstError((await post({ CustomerRef: { value: '1' }, Line: [] })).body)).toMatchObject({ code: '2020' });
    expect(firstError((await post({ CustomerRef: { value: '1' }, Line: [line(100, 3, 40)] })).body)).toMatchObject({
      code: '6070',
    });
    expect(
      firstError((await post({ CustomerRef: { value: '1' }, DocNumber: 'X'.repeat(22), Line: [line(1, 1, 1)] })).body),
    ).toMatchObject({ code: '2050', element: 'DocNumber' });
    const dueDate = await post({ CustomerRef: { value: '1' }, DueDate: '2025-12-01', Line: [line(1, 1, 1)] });
    expect(dueDate.status).toBe(400);
    expect(firstError(dueDate.body)).toEqual({
      Message: 'Request has invalid or unsupported property',
      Detail:
        'Property Name:Unrecognized field "DueDate" (class com.intuit.schema.finance.v3.CreditMemo), not marked as ignorable specified is unsupported or invalid',
      code: '2010',
      element: '',
    });

    expect((await post({ CustomerRef: { value: '1' }, DocNumber: 'CM-1', Line: [line(1, 1, 1)] })).status).toBe(200);
    const duplicate = await post({ CustomerRef: { value: '1' }, DocNumber: 'CM-1', Line: [line(1, 1, 1)] });
    expect(firstError(duplicate.body)).toMatchObject({
      code: '6140',
      Detail: expect.stringContaining('TxnType=CreditMemo'),
    });
    // Document numbers are checked per transaction type: an invoice may carry the credit memo's number.
    const invoice = await qbo(accessToken, 'invoice', {
      method: 'POST',
      body: { CustomerRef: { value: '1' }, DocNumber: 'CM-1', Line: [line(1, 1, 1)] },
    });
    expect(invoice.status).toBe(200);
  });

  it('creates credit memos in a batch', async () => {
    const { accessToken } = await connect();
    const batch = await qbo(accessToken, 'batch', {
      method: 'POST',
      body: {
        BatchItemRequest: [
          { bId: 'm1', operation: 'create', CreditMemo: { CustomerRef: { value: '1' }, Line: [line(10, 1, 10)] } },
          { bId: 'm2', operation: 'create', CreditMemo: { CustomerRef: { value: '999' }, Line: [line(10, 1, 10)] } },
        ],
      },
    });
    const [ok, refused] = batch.body.BatchItemResponse as Array<Record<string, unknown>>;
    expect(ok).toMatchObject({ bId: 'm1', CreditMemo: { TotalAmt: 10, RemainingCredit: 10 } });
    expect(refused).toMatchObject({ bId: 'm2', Fault: { Error: [{ code: '2500' }] } });
  });
});

describe('Intuit simulator: Open in QuickBooks pages', () => {
  async function created(accessToken: string) {
    const customer = (
      await qbo(accessToken, 'customer', { method: 'POST', body: { DisplayName: 'Tom & Jerry <Holdings>' } })
    ).body.Customer as { Id: string };
    const invoice = (
      await qbo(accessToken, 'invoice', {
        method: 'POST',
        body: {
          CustomerRef: { value: customer.Id },
          DocNumber: '24101',
          TxnDate: '2025-11-01',
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: 1250.5,
              Description: '<script>alert(1)</script> Managed services',
              SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: 625.25 },
            },
          ],
        },
      })
    ).body.Invoice as { Id: string };
    return { customer, invoice };
  }

  it('shows an invoice: number, customer, date, lines and total, HTML-escaped', async () => {
    const { accessToken } = await connect();
    const { invoice } = await created(accessToken);
    const response = await fetch(`${sim.url}/app/invoice?txnId=${invoice.Id}&companyId=${REALM_1}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<h1>Invoice 24101</h1>');
    expect(html).toContain('Tom &amp; Jerry &lt;Holdings&gt;');
    expect(html).toContain('2025-11-01');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Managed services');
    expect(html).not.toContain('<script>');
    expect(html).toContain('$1,250.50');
    expect(html).toContain('Sandbox Company US 1');
  });

  it('shows a credit memo, and finds a document without companyId when only one company has it', async () => {
    const { accessToken } = await connect();
    const memo = (
      await qbo(accessToken, 'creditmemo', {
        method: 'POST',
        body: {
          CustomerRef: { value: '1' },
          DocNumber: '24115',
          Line: [{ DetailType: 'SalesItemLineDetail', Amount: 725, SalesItemLineDetail: { ItemRef: { value: '1' } } }],
        },
      })
    ).body.CreditMemo as { Id: string };
    const html = await (await fetch(`${sim.url}/app/creditmemo?txnId=${memo.Id}`)).text();
    expect(html).toContain('<h1>Credit memo 24115</h1>');
    expect(html).toContain('$725.00');
    expect(html).toContain('Amy&#39;s Bird Sanctuary');
  });

  it('answers a clear 404 page for an unknown document, another company or a missing txnId', async () => {
    const { accessToken } = await connect();
    const { invoice } = await created(accessToken);
    for (const url of [
      `/app/invoice?txnId=424242&companyId=${REALM_1}`,
      `/app/invoice?txnId=${invoice.Id}&companyId=${REALM_2}`,
      `/app/creditmemo?txnId=${invoice.Id}&companyId=${REALM_1}`,
      '/app/invoice',
      `/app/invoice?txnId=%3Cb%3E&companyId=${REALM_1}`,
    ]) {
      const response = await fetch(`${sim.url}${url}`);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toMatch(/<h1>We couldn't find this (invoice|credit memo)<\/h1>/);
      expect(html).not.toContain('<b>');
    }
  });
});

describe('Intuit simulator: throttle limits', () => {
  it("defaults to QBO's limits and lets a control lower them, never raise them", async () => {
    expect(sim.state.throttleLimits).toEqual({
      requestsPerMinutePerRealm: 500,
      requestsPerSecondPerRealmApp: 10,
      batchPerMinutePerRealmApp: 40,
      batchPerMinutePerRealm: 120,
      batchItemsPerRequest: 30,
    });
    expect(() => sim.controls.setThrottleLimits({ requestsPerMinutePerRealm: 501 })).toThrow(RangeError);
    expect(() => sim.controls.setThrottleLimits({ batchItemsPerRequest: 31 })).toThrow(RangeError);
    const raise = await fetch(`${sim.urls.control}/throttle`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ requestsPerSecondPerRealmApp: 100 }),
    });
    expect(raise.status).toBe(400);
    expect(sim.state.throttleLimits.requestsPerSecondPerRealmApp).toBe(10);
    await expect(startIntuitSimulator({ throttleLimits: { batchPerMinutePerRealm: 1000 } })).rejects.toThrow(
      RangeError,
    );
  });

  it('refuses a batch over a lowered item limit', async () => {
    sim.controls.setThrottleLimits({ batchItemsPerRequest: 2 });
    const { accessToken } = await connect();
    const items = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ bId: `b${i}`, Query: 'select * from TaxCode' }));
    expect((await qbo(accessToken, 'batch', { method: 'POST', body: { BatchItemRequest: items(2) } })).status).toBe(
      200,
    );
    const refused = await qbo(accessToken, 'batch', { method: 'POST', body: { BatchItemRequest: items(3) } });
    expect(refused.status).toBe(400);
    expect(firstError(refused.body)).toMatchObject({
      code: '6000',
      Detail: expect.stringContaining('the maximum is 2'),
    });
  });
});

describe('Intuit simulator: control API', () => {
  it('takes faults and resets over JSON, and serves a control page', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sim.urls.control}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/faults', { target: 'token', status: 500, times: 1 })).status).toBe(200);
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x' })).status).toBe(500);
    expect((await post('/faults', { target: 'nowhere' })).status).toBe(400);

    const { accessToken } = await connect();
    expect((await post(`/realms/${REALM_1}/revoke`, {})).status).toBe(200);
    expect((await qbo(accessToken, `companyinfo/${REALM_1}`)).status).toBe(401);

    const state = (await (await fetch(`${sim.urls.control}/state`)).json()) as { grants: Array<{ status: string }> };
    expect(state.grants.map((g) => g.status)).toEqual(['revoked']);

    expect((await post('/reset', {})).status).toBe(200);
    expect(sim.controls.counters().tokenCalls.total).toBe(0);

    const page = await fetch(sim.urls.control);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Intuit simulator controls');
  });
});
