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
  return ((body.Fault as { Error: Array<Record<string, unknown>> }).Error[0] ?? {}) as Record<string, unknown>;
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
    sim.controls.setLifetimes({ refreshTokenSeconds: 100, refreshTokenHardSeconds: 250 });
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
    const error = (expired.body.fault as { error: Array<{ message: string; detail: string }> }).error[0]!;
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
