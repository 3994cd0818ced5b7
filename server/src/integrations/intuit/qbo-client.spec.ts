// eslint-disable-next-line no-restricted-imports -- tests wire the real client to the simulator; product code reaches it only through configuration
import { completeAuthorization, startIntuitSimulator, type RunningIntuitSimulator } from '../../simulators/intuit';
import { configureIntuitEndpoints, createIntuitOAuth, type TokenSet } from './oauth';
import { buildQuery, escapeQboString, QboClient, QboError, type QboResponseEvent } from './qbo-client';
import type { QboInvoiceInput } from './types';

const REALM_1 = '9130357000000001';
const REALM_2 = '9130357000000002';

let sim: RunningIntuitSimulator;
let now = Date.parse('2026-03-02T17:00:00Z');

const oauth = createIntuitOAuth({
  clientId: 'mobius-simulator-client',
  clientSecret: 'mobius-simulator-secret',
  redirectUri: 'http://127.0.0.1:4000/oauth/quickbooks/callback',
  environment: 'sandbox',
  clock: { now: () => new Date(now) },
});

beforeAll(async () => {
  sim = await startIntuitSimulator({ now: () => now });
  configureIntuitEndpoints(
    { authorizeUrl: sim.urls.authorize, tokenUrl: sim.urls.token, revokeUrl: sim.urls.revoke },
    { retryDelayMs: 1 },
  );
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  now = Date.parse('2026-03-02T17:00:00Z');
  sim.controls.reset();
});

async function connect(realmId = REALM_1): Promise<TokenSet> {
  const outcome = await completeAuthorization(oauth.buildAuthorizationUrl({ state: 's' }), { realmId });
  return oauth.exchangeCode(outcome.location);
}

async function client(
  options: { realmId?: string; timeoutMs?: number; onResponse?: (e: QboResponseEvent) => void } = {},
): Promise<{ qbo: QboClient; tokens: TokenSet }> {
  const tokens = await connect(options.realmId ?? REALM_1);
  const qbo = new QboClient({
    baseUrl: `${sim.urls.qboBaseUrl}/`,
    realmId: options.realmId ?? REALM_1,
    accessToken: () => tokens.accessToken,
    timeoutMs: options.timeoutMs,
    onResponse: options.onResponse,
  });
  return { qbo, tokens };
}

async function qboFailure(promise: Promise<unknown>): Promise<QboError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QboError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function invoice(
  customerId: string,
  docNumber: string,
  lines: Array<[qty: number, price: number]> = [[2, 75]],
): QboInvoiceInput {
  return {
    CustomerRef: { value: customerId },
    DocNumber: docNumber,
    TxnDate: '2026-03-01',
    Line: lines.map(([qty, price]) => ({
      DetailType: 'SalesItemLineDetail' as const,
      Amount: Math.round(qty * price * 100) / 100,
      Description: 'Managed services',
      SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: qty, UnitPrice: price, TaxCodeRef: { value: 'NON' } },
    })),
  };
}

describe('buildQuery', () => {
  it("escapes ' in literals and joins conditions with and", () => {
    expect(buildQuery('Customer', { DisplayName: "O'Brien's", Active: true })).toBe(
      "select * from Customer where DisplayName = 'O\\'Brien\\'s' and Active = true",
    );
    expect(escapeQboString("it's")).toBe("it\\'s");
  });

  it('writes IN lists, other operators, ordering and paging', () => {
    expect(
      buildQuery(
        'Invoice',
        {
          DocNumber: ['1', "2'"],
          TotalAmt: { operator: '>=', value: 10 },
          'MetaData.LastUpdatedTime': { operator: '>', value: '2026-01-01' },
        },
        { orderBy: 'TxnDate desc', startPosition: 0, maxResults: 5000 },
      ),
    ).toBe(
      "select * from Invoice where DocNumber IN ('1', '2\\'') and TotalAmt >= 10 and MetaData.LastUpdatedTime > '2026-01-01' orderby TxnDate desc startposition 1 maxresults 1000",
    );
    expect(buildQuery('Customer', {}, {}, true)).toBe('select count(*) from Customer');
  });

  it('refuses field names, operators and ordering that could change the statement', () => {
    expect(() => buildQuery('Customer', { "DisplayName = 'x' or Id": 'y' })).toThrow(TypeError);
    expect(() => buildQuery('Customer', { Id: { operator: 'or 1 =' as '=', value: 1 } })).toThrow(TypeError);
    expect(() => buildQuery('Customer', {}, { orderBy: 'Id; drop' })).toThrow(TypeError);
    expect(() => buildQuery('Customer', { Id: [] })).toThrow(TypeError);
  });
});

describe('QboClient against the simulator', () => {
  it('reads CompanyInfo, sending minorversion=75 under /v3/company/{realmId}', async () => {
    const events: QboResponseEvent[] = [];
    const { qbo } = await client({ onResponse: (e) => events.push(e) });
    const info = await qbo.getCompanyInfo();
    expect(info.CompanyName).toBe('Sandbox Company US 1');
    expect(sim.state.qboRequests.at(-1)).toMatchObject({
      path: `/companyinfo/${REALM_1}`,
      minorversion: '75',
      realmId: REALM_1,
    });
    expect(events).toEqual([
      expect.objectContaining({
        method: 'GET',
        resource: 'companyinfo',
        status: 200,
        intuitTid: expect.stringMatching(/^1-/),
      }),
    ]);
  });

  it('creates a customer and finds it by a display name with an apostrophe', async () => {
    const { qbo } = await client();
    const created = await qbo.createCustomer({
      DisplayName: "O'Brien & Sons",
      PrimaryEmailAddr: { Address: 'ap@obrien.test' },
    });
    expect(created).toMatchObject({ Id: expect.any(String), SyncToken: '0', DisplayName: "O'Brien & Sons" });
    expect((await qbo.findCustomerByDisplayName("O'Brien & Sons"))?.Id).toBe(created.Id);
    expect(await qbo.findCustomerByDisplayName('Nobody at all')).toBeUndefined();
    expect(await qbo.count('Customer')).toBe(5);
  });

  it('sends a long query in a POST body', async () => {
    const { qbo } = await client();
    const names = ['Cool Cars', ...Array.from({ length: 200 }, (_, i) => `Nobody number ${i}`)];
    const found = await qbo.query('Customer', { DisplayName: names });
    expect(found.map((c) => c.DisplayName)).toEqual(['Cool Cars']);
    expect(sim.state.qboRequests.at(-1)).toMatchObject({ method: 'POST', path: '/query', status: 200 });
  });

  it('finds customers, items and invoices by lists of names and numbers', async () => {
    const { qbo } = await client();
    const customers = await qbo.findCustomersByDisplayNames(["Amy's Bird Sanctuary", 'Cool Cars', 'Nobody at all']);
    expect(customers.map((c) => c.DisplayName).sort()).toEqual(["Amy's Bird Sanctuary", 'Cool Cars']);
    expect((await qbo.findItemsByNames(['Hours', 'Services', 'No such item'])).map((i) => i.Name).sort()).toEqual([
      'Hours',
      'Services',
    ]);
    const created = await qbo.createInvoice(invoice('1', 'CW-7001'));
    expect((await qbo.findInvoicesByDocNumbers(['CW-7001', 'CW-7002'])).map((i) => i.Id)).toEqual([created.Id]);
  });

  it('reports a duplicate name (the Dell Technologies vendor) as VALIDATION 6240 with QBO words', async () => {
    const { qbo } = await client();
    expect(await qbo.findCustomerByDisplayName('Dell Technologies')).toBeUndefined();
    const error = await qboFailure(qbo.createCustomer({ DisplayName: 'Dell Technologies' }));
    expect(error).toMatchObject({ kind: 'VALIDATION', status: 400, code: '6240', faultType: 'ValidationFault' });
    expect(error.faults[0]).toMatchObject({
      message: 'Duplicate Name Exists Error',
      detail: expect.stringContaining('The name supplied already exists'),
    });
    expect(error.message).toContain('Duplicate Name Exists Error');
    expect(error.retryable).toBe(false);
  });

  it('creates an item, finds it by name, and refuses a second item with that name', async () => {
    const { qbo } = await client();
    const [income] = await qbo.listAccounts({ Name: 'Services' });
    const item = await qbo.createItem({
      Name: 'MSP-MANAGED',
      Type: 'Service',
      IncomeAccountRef: { value: income.Id },
      UnitPrice: 99,
    });
    expect(item).toMatchObject({
      Name: 'MSP-MANAGED',
      Type: 'Service',
      IncomeAccountRef: { value: income.Id, name: 'Services' },
    });
    expect((await qbo.findItemByName('MSP-MANAGED'))?.Id).toBe(item.Id);
    expect(
      (
        await qboFailure(
          qbo.createItem({ Name: 'msp-managed', Type: 'Service', IncomeAccountRef: { value: income.Id } }),
        )
      ).code,
    ).toBe('6240');
  });

  it('creates an invoice whose totals QBO computed', async () => {
    const { qbo } = await client();
    const created = await qbo.createInvoice(
      invoice('2', 'CW-1001', [
        [2, 75],
        [1.5, 100],
      ]),
      { requestId: 'mobius-inv-1001' },
    );
    expect(created).toMatchObject({
      DocNumber: 'CW-1001',
      TotalAmt: 300,
      Balance: 300,
      CustomerRef: { value: '2', name: "Bill's Windsurf Shop" },
    });
    expect(created.Line.map((l) => l.DetailType)).toEqual([
      'SalesItemLineDetail',
      'SalesItemLineDetail',
      'SubTotalLineDetail',
    ]);
    expect((await qbo.findInvoiceByDocNumber('CW-1001'))?.Id).toBe(created.Id);
    expect((await qbo.getInvoice(created.Id)).TotalAmt).toBe(300);
  });

  it('replays a create with the same requestid instead of making a second invoice', async () => {
    const { qbo } = await client();
    const first = await qbo.createInvoice(invoice('1', 'CW-2001'), { requestId: 'cfg1-psa-2001' });
    const second = await qbo.createInvoice(invoice('1', 'CW-2001'), { requestId: 'cfg1-psa-2001' });
    expect(second).toEqual(first);
    expect(await qbo.count('Invoice', { DocNumber: 'CW-2001' })).toBe(1);
    await expect(qbo.createInvoice(invoice('1', 'CW-2002'), { requestId: 'x'.repeat(51) })).rejects.toThrow(RangeError);
  });

  it('reports a stale SyncToken as VALIDATION 5010', async () => {
    const { qbo } = await client();
    const created = await qbo.createInvoice(invoice('1', 'CW-3001'));
    const updated = await qbo.updateInvoice({
      Id: created.Id,
      SyncToken: created.SyncToken,
      sparse: true,
      PrivateNote: 'first',
    });
    expect(updated.SyncToken).toBe('1');
    const stale = await qboFailure(
      qbo.updateInvoice({ Id: created.Id, SyncToken: created.SyncToken, sparse: true, PrivateNote: 'late' }),
    );
    expect(stale).toMatchObject({ kind: 'VALIDATION', code: '5010' });
    expect(stale.faults[0].message).toBe('Stale Object Error');
  });

  it('reports invoice business rules (unknown customer, Amount ≠ Qty × UnitPrice) as VALIDATION', async () => {
    const { qbo } = await client();
    expect((await qboFailure(qbo.createInvoice(invoice('999', 'CW-4001')))).code).toBe('2500');
    const wrongAmount = invoice('1', 'CW-4002');
    wrongAmount.Line[0].Amount = 1;
    expect((await qboFailure(qbo.createInvoice(wrongAmount))).code).toBe('6070');
  });

  it('lists accounts and tax codes', async () => {
    const { qbo } = await client();
    const accounts = await qbo.listAccounts();
    expect(accounts.map((a) => a.Name)).toEqual(
      expect.arrayContaining(['Services', 'Sales of Product Income', 'Accounts Receivable (A/R)']),
    );
    expect((await qbo.listAccounts({ AccountType: 'Income' })).every((a) => a.AccountType === 'Income')).toBe(true);
    expect((await qbo.listTaxCodes()).map((t) => t.Id).sort()).toEqual(['NON', 'TAX']);
  });

  it('runs a batch and keeps per-item faults', async () => {
    const { qbo } = await client();
    const results = await qbo.batch([
      { bId: '1', operation: 'create', Customer: { DisplayName: 'Batch One' } },
      { bId: '2', operation: 'create', Customer: { DisplayName: 'Dell Technologies' } },
      { bId: '3', Query: "select * from Customer where DisplayName = 'Batch One'" },
    ]);
    expect(results[0]).toMatchObject({ bId: '1', Customer: { DisplayName: 'Batch One' } });
    expect(results[1]).toMatchObject({ bId: '2', Fault: { type: 'ValidationFault', faults: [{ code: '6240' }] } });
    expect(results[2].QueryResponse).toMatchObject({ Customer: [{ DisplayName: 'Batch One' }] });
    const calls = sim.controls.counters().qboCalls.total;
    const tooMany = Array.from({ length: 31 }, (_, i) => ({ bId: String(i), Query: 'select * from Item' }));
    await expect(qbo.batch(tooMany)).rejects.toThrow(RangeError);
    expect(sim.controls.counters().qboCalls.total).toBe(calls);
  });

  it('reports throttling as THROTTLED 3001 with a retry-after hint', async () => {
    sim.controls.setThrottleLimits({ requestsPerSecondPerRealmApp: 2 });
    const { qbo } = await client();
    await qbo.getCompanyInfo();
    await qbo.getCompanyInfo();
    const error = await qboFailure(qbo.getCompanyInfo());
    expect(error).toMatchObject({ kind: 'THROTTLED', status: 429, code: '3001', retryAfterSeconds: 60 });
    expect(error.retryable).toBe(true);
  });

  it('reports an expired access token as UNAUTHORIZED without echoing the token', async () => {
    const { qbo, tokens } = await client();
    sim.controls.expireAccessTokens(REALM_1);
    const error = await qboFailure(qbo.getCompanyInfo());
    expect(error).toMatchObject({ kind: 'UNAUTHORIZED', status: 401, code: '3200', faultType: 'AUTHENTICATION' });
    expect(error.faults[0]).not.toHaveProperty('detail');
    const rendered = `${error.message} ${JSON.stringify(error)}`;
    expect(rendered).not.toContain(tokens.accessToken.slice(0, 120));
  });

  it("reports another company's realm as FORBIDDEN", async () => {
    const tokens = await connect(REALM_1);
    const qbo = new QboClient({ baseUrl: sim.urls.qboBaseUrl, realmId: REALM_2, accessToken: tokens.accessToken });
    expect(await qboFailure(qbo.getCompanyInfo())).toMatchObject({ kind: 'FORBIDDEN', status: 403, code: '3100' });
  });

  it('reports 5xx as TRANSIENT and flags writes that may have been applied', async () => {
    const { qbo } = await client();
    sim.controls.failQbo(1, 503);
    expect(await qboFailure(qbo.getCompanyInfo())).toMatchObject({
      kind: 'TRANSIENT',
      status: 503,
      mayHaveApplied: false,
    });
    sim.controls.failQbo(1, 500, { pathIncludes: 'invoice' });
    expect(await qboFailure(qbo.createInvoice(invoice('1', 'CW-5001')))).toMatchObject({
      kind: 'TRANSIENT',
      status: 500,
      mayHaveApplied: true,
    });
  });

  it('gives up on a slow answer at the timeout', async () => {
    const { qbo } = await client({ timeoutMs: 100 });
    sim.controls.delayQbo(1000, 1);
    const error = await qboFailure(qbo.getCompanyInfo());
    expect(error).toMatchObject({ kind: 'TRANSIENT', timedOut: true });
    sim.controls.releasePending();
  });

  it('ends a call QuickBooks never answers at the deadline, with a clear message', async () => {
    const { qbo } = await client({ timeoutMs: 100 });
    sim.controls.injectFault({ target: 'qbo', hang: true });
    const error = await qboFailure(qbo.getCompanyInfo());
    expect(error).toMatchObject({ kind: 'TRANSIENT', timedOut: true });
    expect(error.message).toBe('QuickBooks Online did not answer within 100 ms.');
    sim.controls.releasePending();
  });

  it('creates exactly one invoice when a timed-out create is retried with the same requestid', async () => {
    const { qbo } = await client({ timeoutMs: 100 });
    sim.controls.delayQboResponse(400, 1, { pathIncludes: 'invoice' });
    const lost = await qboFailure(qbo.createInvoice(invoice('3', 'CW-6001'), { requestId: 'cfg1-psa-6001' }));
    expect(lost).toMatchObject({ kind: 'TRANSIENT', timedOut: true, mayHaveApplied: true });
    const retried = await qbo.createInvoice(invoice('3', 'CW-6001'), { requestId: 'cfg1-psa-6001' });
    expect(retried.DocNumber).toBe('CW-6001');
    expect(await qbo.count('Invoice', { DocNumber: 'CW-6001' })).toBe(1);
    sim.controls.releasePending();
  });

  it('asks for the access token on each request, so a token manager can refresh in between', async () => {
    const tokens = await connect();
    let calls = 0;
    const qbo = new QboClient({
      baseUrl: sim.urls.qboBaseUrl,
      realmId: REALM_1,
      accessToken: async () => {
        calls += 1;
        return tokens.accessToken;
      },
    });
    await qbo.getCompanyInfo();
    await qbo.listTaxCodes();
    expect(calls).toBe(2);
  });

  it('refuses a malformed realm id or base URL up front', () => {
    expect(() => new QboClient({ baseUrl: sim.urls.qboBaseUrl, realmId: '../1', accessToken: 't' })).toThrow(TypeError);
    expect(() => new QboClient({ baseUrl: 'not a url', realmId: REALM_1, accessToken: 't' })).toThrow(TypeError);
  });
});
