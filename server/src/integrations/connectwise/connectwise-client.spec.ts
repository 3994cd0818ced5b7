import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ConnectWiseClient, type ConnectWiseClientOptions } from './connectwise-client';
import { ConnectWiseError, isTransientConnectWiseError, type ConnectWiseErrorKind } from './errors';

/** A tiny stand-in ConnectWise on 127.0.0.1 whose answers each test scripts. */

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: Seen, res: http.ServerResponse) => void;

interface Stub {
  url: string;
  port: number;
  host: string;
  requests: Seen[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

async function startStub(): Promise<Stub> {
  let handler: Handler = (_req, res) => json(res, 404, { code: 'NotFound', message: 'nope', errors: null });
  const requests: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      handler(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    host: `127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const KEYS = { companyId: 'acme_msp', publicKey: 'PublicKey12345', privateKey: 'SENTINEL-Private-9f3c' };
const CLIENT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const API = '/v2025_1/apis/3.0';

function companyInfo(stub: Stub, extra: Record<string, unknown> = {}) {
  return {
    CompanyName: 'Acme MSP',
    Codebase: 'v2025_1/',
    CompanyID: 'acme_msp',
    IsCloud: 'False',
    SiteUrl: stub.host,
    ...extra,
  };
}

/** Routes companyinfo, then hands API paths (without the base) to `api`. */
function connectWise(stub: Stub, api: (path: string, req: Seen, res: http.ServerResponse) => void): Handler {
  return (req, res) => {
    if (req.url.startsWith('/login/companyinfo/')) json(res, 200, companyInfo(stub));
    else if (req.url.startsWith(API)) api(req.url.slice(API.length), req, res);
    else json(res, 404, { code: 'NotFound', message: 'nope', errors: null });
  };
}

const apiRequests = (stub: Stub) => stub.requests.filter((req) => req.url.startsWith(API));

async function failure(promise: Promise<unknown>): Promise<ConnectWiseError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectWiseError);
    return error as ConnectWiseError;
  }
  throw new Error('expected a ConnectWiseError');
}

function expectSafe(error: ConnectWiseError): void {
  expect(error.message).not.toContain(KEYS.privateKey);
  expect(error.message).not.toContain(KEYS.publicKey);
  expect(error.message).not.toContain('UPSTREAM-SENTINEL');
}

describe('ConnectWiseClient', () => {
  let stub: Stub;
  let sleeps: number[];

  const client = (options: Partial<ConnectWiseClientOptions> = {}) =>
    new ConnectWiseClient({
      site: stub.url,
      ...KEYS,
      clientId: CLIENT_ID,
      allowHttp: true,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    });

  beforeEach(async () => {
    stub = await startStub();
    sleeps = [];
  });
  afterEach(async () => {
    await stub.close();
  });

  describe('requests', () => {
    it('discovers the codebase without auth, then sends the ConnectWise headers to SiteUrl', async () => {
      stub.handle(connectWise(stub, (_path, _req, res) => json(res, 200, { version: 'v2025.1.1', isCloud: false })));
      const cw = client();
      await expect(cw.getApiBaseUrl()).resolves.toBe(`${stub.url}${API}`);
      await cw.getSystemInfo();

      const [info, system] = stub.requests;
      expect(info.url).toBe('/login/companyinfo/acme_msp');
      expect(info.headers.authorization).toBeUndefined();
      expect(system.url).toBe(`${API}/system/info`);
      expect(system.headers.authorization).toBe(
        `Basic ${Buffer.from('acme_msp+PublicKey12345:SENTINEL-Private-9f3c').toString('base64')}`,
      );
      expect(system.headers.clientid).toBe(CLIENT_ID);
      expect(system.headers.accept).toBe('application/vnd.connectwise.com+json; version=2022.1');
      expect(system.headers['cache-control']).toBe('no-cache');
    });

    it('uses the Site host when companyinfo has no SiteUrl', async () => {
      stub.handle((_req, res) => json(res, 200, { ...companyInfo(stub), SiteUrl: undefined }));
      await expect(client().getApiBaseUrl()).resolves.toBe(`${stub.url}${API}`);
    });

    it('sends the keys to the SiteUrl of a cloud company (IsCloud "True")', async () => {
      const api = await startStub();
      try {
        stub.handle((_req, res) => json(res, 200, companyInfo(stub, { IsCloud: 'True', SiteUrl: api.host })));
        api.handle((_req, res) => json(res, 200, { version: 'v2025.1.1', isCloud: true }));
        const cw = client();
        await expect(cw.getApiBaseUrl()).resolves.toBe(`${api.url}${API}`);
        await cw.getSystemInfo();
        expect(api.requests.map((req) => req.url)).toEqual([`${API}/system/info`]);
        expect(apiRequests(stub)).toHaveLength(0);
      } finally {
        await api.close();
      }
    });

    it('ignores the SiteUrl of an on-premise server and calls the Site the person typed', async () => {
      const internal = await startStub();
      try {
        stub.handle(connectWise(stub, (_path, _req, res) => json(res, 200, { version: 'v2025.1.1', isCloud: false })));
        const onPremise = companyInfo(stub, { IsCloud: 'False', SiteUrl: internal.host });
        stub.handle((req, res) => {
          if (req.url.startsWith('/login/companyinfo/')) json(res, 200, onPremise);
          else json(res, 200, { version: 'v2025.1.1', isCloud: false });
        });
        const cw = client();
        await expect(cw.getApiBaseUrl()).resolves.toBe(`${stub.url}${API}`);
        await cw.getSystemInfo();
        expect(apiRequests(stub).map((req) => req.url)).toEqual([`${API}/system/info`]);
        expect(internal.requests).toHaveLength(0);
      } finally {
        await internal.close();
      }
    });

    it('posts JSON bodies with a JSON content type', async () => {
      stub.handle(connectWise(stub, (_path, _req, res) => json(res, 200, { customers: [], transactions: [] })));
      await client().exportInvoices({ includedInvoiceIds: [4001, 4003], thruDate: '2025-11-30' });
      const post = apiRequests(stub)[0];
      expect(post.method).toBe('POST');
      expect(post.url).toBe(`${API}/finance/accounting/export`);
      expect(post.headers['content-type']).toBe('application/json');
      expect(JSON.parse(post.body)).toEqual({
        summarizeInvoices: 'Detailed',
        exportInvoicesFlag: true,
        exportExpensesFlag: false,
        exportProductsFlag: false,
        includedInvoiceIds: [4001, 4003],
        thruDate: '2025-11-30T23:59:59Z',
      });
    });
  });

  describe('retries', () => {
    it('honours Retry-After on 429, then succeeds', async () => {
      let calls = 0;
      stub.handle(
        connectWise(stub, (_path, _req, res) => {
          calls += 1;
          if (calls === 1) {
            json(
              res,
              429,
              { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 2 seconds.' },
              {
                'Retry-After': '2',
              },
            );
          } else json(res, 200, { version: 'v1', isCloud: false });
        }),
      );
      await expect(client().getSystemInfo()).resolves.toMatchObject({ version: 'v1' });
      expect(sleeps).toEqual([2000]);
    });

    it('gives up at once with RATE_LIMITED when Retry-After exceeds the cap', async () => {
      stub.handle(
        connectWise(stub, (_p, _r, res) => json(res, 429, { error: 'ConnectWiseAPI' }, { 'Retry-After': '600' })),
      );
      const error = await failure(client({ maxRetryAfterMs: 30_000 }).getSystemInfo());
      expect(error).toMatchObject({ kind: 'RATE_LIMITED', status: 429, retryAfterSeconds: 600 });
      expect(sleeps).toEqual([]);
      expect(apiRequests(stub)).toHaveLength(1);
    });

    it('stops after maxRetries when still throttled', async () => {
      stub.handle(
        connectWise(stub, (_p, _r, res) => json(res, 429, { error: 'ConnectWiseAPI' }, { 'Retry-After': '1' })),
      );
      const error = await failure(client({ maxRetries: 2 }).getSystemInfo());
      expect(error.kind).toBe('RATE_LIMITED');
      expect(apiRequests(stub)).toHaveLength(3);
      expect(sleeps).toEqual([1000, 1000]);
    });

    it('retries 5xx with exponential backoff, then succeeds', async () => {
      let calls = 0;
      stub.handle(
        connectWise(stub, (_p, _r, res) => {
          calls += 1;
          if (calls <= 2) json(res, 503, { code: 'UnexpectedError', message: 'UPSTREAM-SENTINEL', errors: null });
          else json(res, 200, { version: 'v1', isCloud: false });
        }),
      );
      await client({ retryBaseDelayMs: 100 }).getSystemInfo();
      expect(sleeps).toEqual([100, 200]);
    });

    it('fails with SERVER_ERROR after maxRetries', async () => {
      stub.handle(
        connectWise(stub, (_p, _r, res) => json(res, 500, { code: 'X', message: 'UPSTREAM-SENTINEL', errors: null })),
      );
      const error = await failure(client({ maxRetries: 3, retryBaseDelayMs: 100 }).getSystemInfo());
      expect(error).toMatchObject({ kind: 'SERVER_ERROR', status: 500 });
      expectSafe(error);
      expect(apiRequests(stub)).toHaveLength(4);
      expect(sleeps).toEqual([100, 200, 400]);
    });

    it('does not repeat a batch creation after a 5xx (it may have happened)', async () => {
      stub.handle(connectWise(stub, (_p, _r, res) => json(res, 500, { code: 'X', message: 'boom', errors: null })));
      const error = await failure(
        client().createAccountingBatch({ batchIdentifier: 'MOBIUS-1', processedRecordIds: [1] }),
      );
      expect(error.kind).toBe('SERVER_ERROR');
      expect(apiRequests(stub)).toHaveLength(1);
    });

    it.each([
      [400, 'REQUEST_REJECTED'],
      [401, 'INVALID_KEYS'],
      [403, 'MISSING_PERMISSIONS'],
      [404, 'NOT_FOUND'],
      [409, 'REQUEST_REJECTED'],
    ] as Array<[number, ConnectWiseErrorKind]>)('never retries %i and maps it to %s', async (status, kind) => {
      stub.handle(
        connectWise(stub, (_p, _r, res) =>
          json(res, status, { code: 'Unauthorized', message: `UPSTREAM-SENTINEL ${KEYS.privateKey}`, errors: null }),
        ),
      );
      const error = await failure(client().getUnpostedInvoice(4001));
      expect(error).toMatchObject({ kind, status });
      expectSafe(error);
      expect(apiRequests(stub)).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    describe('a 500 saying ConnectWise could not read the body (Newtonsoft)', () => {
      const unreadable = {
        code: 'ConnectWiseApi',
        message: "Could not convert string to integer: x. Path 'processedRecordIds[0]', line 1, position 62.",
      };

      it('is a bad request of ours: REQUEST_REJECTED, sent once, never "try again later"', async () => {
        stub.handle(connectWise(stub, (_p, _r, res) => json(res, 500, unreadable)));
        const error = await failure(
          client().createAccountingBatch({ batchIdentifier: 'MOBIUS-1', processedRecordIds: [4061] }),
        );
        expect(error).toMatchObject({ kind: 'REQUEST_REJECTED', status: 500, upstreamCode: 'ConnectWiseApi' });
        expect(error.message).toMatch(/could not read the request Mobius sent/);
        expect(error.message).not.toMatch(/try again later/i);
        expect(isTransientConnectWiseError(error)).toBe(false);
        expect(apiRequests(stub)).toHaveLength(1);
      });

      it('is not retried even on the export preview, which other 500s are', async () => {
        stub.handle(
          connectWise(stub, (_p, _r, res) =>
            json(res, 500, {
              code: 'ConnectWiseApi',
              message:
                "Error converting value \"abc\" to type 'System.Collections.Generic.List`1[System.Int32]'. Path 'includedInvoiceIds', line 1, position 30.",
            }),
          ),
        );
        const error = await failure(client({ retryBaseDelayMs: 1 }).exportInvoices({ includedInvoiceIds: [4001] }));
        expect(error).toMatchObject({ kind: 'REQUEST_REJECTED', status: 500 });
        expect(apiRequests(stub)).toHaveLength(1);
        expect(sleeps).toEqual([]);

        let calls = 0;
        stub.handle(
          connectWise(stub, (_p, _r, res) => {
            calls += 1;
            if (calls === 1) json(res, 500, { code: 'UnexpectedError', message: 'UPSTREAM-SENTINEL', errors: null });
            else json(res, 200, { customers: [], transactions: [] });
          }),
        );
        await expect(client({ retryBaseDelayMs: 1 }).exportInvoices({ includedInvoiceIds: [4001] })).resolves.toEqual({
          customers: [],
          transactions: [],
        });
        expect(calls).toBe(2);
      });

      it('leaves other 500s server errors, which are transient', async () => {
        stub.handle(
          connectWise(stub, (_p, _r, res) => json(res, 500, { code: 'ConnectWiseApi', message: 'Timeout expired.' })),
        );
        const error = await failure(client({ maxRetries: 0 }).getSystemInfo());
        expect(error).toMatchObject({ kind: 'SERVER_ERROR', status: 500 });
        expect(isTransientConnectWiseError(error)).toBe(true);
      });
    });

    it('names the clientId when ConnectWise refuses it', async () => {
      stub.handle(
        connectWise(stub, (_p, _r, res) =>
          json(res, 400, { code: 'InvalidObject', message: 'A valid clientId header is required.', errors: null }),
        ),
      );
      const error = await failure(client().getSystemInfo());
      expect(error).toMatchObject({ kind: 'REQUEST_REJECTED', field: 'clientId', upstreamCode: 'InvalidObject' });
    });

    it('times out a silent API, retrying reads a bounded number of times', async () => {
      stub.handle(connectWise(stub, () => undefined));
      const error = await failure(client({ timeoutMs: 150, maxRetries: 1 }).getSystemInfo());
      expect(error).toMatchObject({ kind: 'SITE_UNREACHABLE', reason: 'timeout', field: 'site' });
      expect(error.message).toMatch(/did not answer within 0.2 s/);
      expect(apiRequests(stub)).toHaveLength(2);
    });

    it('does not follow redirects, which would carry the keys elsewhere', async () => {
      const elsewhere = await startStub();
      try {
        stub.handle(
          connectWise(stub, (_p, _r, res) => {
            res.writeHead(302, { Location: `${elsewhere.url}/steal` });
            res.end();
          }),
        );
        const error = await failure(client().getSystemInfo());
        expect(error).toMatchObject({ kind: 'BAD_RESPONSE', status: 302 });
        expect(elsewhere.requests).toHaveLength(0);
      } finally {
        await elsewhere.close();
      }
    });

    it('refuses a non-JSON API body', async () => {
      stub.handle(connectWise(stub, (_p, _r, res) => res.end('<html>not json</html>')));
      expect((await failure(client().getSystemInfo())).kind).toBe('BAD_RESPONSE');
    });

    it('stops reading an oversized companyinfo body', async () => {
      stub.handle((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ...companyInfo(stub), padding: 'x'.repeat(100_000) }));
      });
      expect((await failure(client().getCompanyInfo())).kind).toBe('BAD_RESPONSE');
    });
  });

  describe('site and company discovery', () => {
    it('reports a closed port as an unreachable site, without retrying the probe', async () => {
      const port = stub.port;
      await stub.close();
      const error = await failure(client({ site: `http://127.0.0.1:${port}` }).validateCredentials());
      expect(error).toMatchObject({ kind: 'SITE_UNREACHABLE', reason: 'refused', field: 'site' });
      expect(sleeps).toEqual([]);
      stub = await startStub();
    });

    it('reports a silent site as unreachable after one timeout', async () => {
      stub.handle(() => undefined);
      const error = await failure(client({ timeoutMs: 100 }).validateCredentials());
      expect(error).toMatchObject({ kind: 'SITE_UNREACHABLE', reason: 'timeout' });
      expect(stub.requests).toHaveLength(1);
    });

    it.each([
      ['200 with null', (res: http.ServerResponse) => json(res, 200, null)],
      ['200 without Codebase', (res: http.ServerResponse) => json(res, 200, { CompanyName: 'x' })],
      ['404', (res: http.ServerResponse) => json(res, 404, { code: 'NotFound', message: 'x', errors: null })],
      ['200 HTML', (res: http.ServerResponse) => res.end('<html>Welcome</html>')],
    ])('treats companyinfo %s as COMPANY_NOT_FOUND', async (_label, answer) => {
      stub.handle((_req, res) => answer(res));
      const error = await failure(client().validateCredentials());
      expect(error).toMatchObject({ kind: 'COMPANY_NOT_FOUND', field: 'companyId' });
      expect(error.message).toContain('acme_msp');
      expect(stub.requests).toHaveLength(1);
    });

    it('refuses a SiteUrl that points at a private address before sending any key', async () => {
      const lookups: string[] = [];
      stub.handle((_req, res) =>
        json(res, 200, { Codebase: 'v2025_1/', IsCloud: 'True', SiteUrl: `internal.acme-msp.example:${stub.port}` }),
      );
      const cw = new ConnectWiseClient({
        site: `http://cw.acme-msp.example:${stub.port}`,
        ...KEYS,
        clientId: CLIENT_ID,
        allowHttp: true,
        sleep: async () => undefined,
        lookup: async (host) => {
          lookups.push(host);
          return host === 'internal.acme-msp.example' ? ['10.0.0.5'] : ['127.0.0.1'];
        },
      });
      const error = await failure(cw.validateCredentials());
      expect(error).toMatchObject({ kind: 'SITE_UNREACHABLE', reason: 'blocked', field: 'site' });
      expect(lookups).toEqual(['cw.acme-msp.example', 'internal.acme-msp.example']);
      expect(stub.requests.map((r) => r.url)).toEqual(['/login/companyinfo/acme_msp']);
      expect(stub.requests[0]?.headers.authorization).toBeUndefined();
    });

    it('refuses a site that resolves to a private address (production rules)', async () => {
      const cw = new ConnectWiseClient({
        site: 'na.myconnectwise.net',
        ...KEYS,
        clientId: CLIENT_ID,
        lookup: async () => ['127.0.0.1'],
      });
      expect(await failure(cw.getCompanyInfo())).toMatchObject({ kind: 'SITE_UNREACHABLE', reason: 'blocked' });
    });
  });

  describe('validateCredentials', () => {
    it('returns the company, codebase, API base and server version', async () => {
      stub.handle(
        connectWise(stub, (path, _req, res) => {
          if (path === '/system/info') json(res, 200, { version: 'v2025.1.104235', isCloud: false });
          else if (path === '/finance/accounting/unpostedinvoices?pageSize=1') json(res, 200, []);
          else json(res, 404, {});
        }),
      );
      await expect(client().validateCredentials()).resolves.toEqual({
        companyName: 'Acme MSP',
        codebase: 'v2025_1/',
        apiBaseUrl: `${stub.url}${API}`,
        serverVersion: 'v2025.1.104235',
        isCloud: false,
      });
    });

    it('treats a 404 from /system/info as invalid keys (ConnectWise cloud answers bad auth that way)', async () => {
      stub.handle(connectWise(stub, (_p, _r, res) => json(res, 404, { code: 'NotFound', message: 'x', errors: null })));
      const error = await failure(client().validateCredentials());
      expect(error).toMatchObject({ kind: 'INVALID_KEYS', status: 404, field: 'publicKey' });
    });

    it('reports a member without Finance rights as MISSING_PERMISSIONS', async () => {
      stub.handle(
        connectWise(stub, (path, _req, res) => {
          if (path === '/system/info') json(res, 200, { version: 'v1', isCloud: false });
          else json(res, 403, { code: 'NotAuthorized', message: 'UPSTREAM-SENTINEL', errors: null });
        }),
      );
      const error = await failure(client().validateCredentials());
      expect(error).toMatchObject({ kind: 'MISSING_PERMISSIONS', status: 403 });
      expect(error.message).toMatch(/Finance › Accounting Interface/);
      expectSafe(error);
    });
  });

  describe('pagination', () => {
    const items = Array.from({ length: 7 }, (_, index) => ({
      id: index + 1,
      identifier: `C${index + 1}`,
      name: `Company ${index + 1}`,
    }));

    it('follows rel="next" on the API origin', async () => {
      stub.handle(
        connectWise(stub, (path, _req, res) => {
          const page = Number(new URL(path, 'http://x').searchParams.get('page'));
          const base = `${stub.url}${API}/company/companies?pageSize=3`;
          const next = page < 3 ? `<${base}&page=${page + 1}>; rel="next", ` : '';
          json(res, 200, items.slice((page - 1) * 3, page * 3), { Link: `${next}<${base}&page=3>; rel="last"` });
        }),
      );
      const companies = await client().listCompanies({ pageSize: 3 });
      expect(companies.map((company) => company.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(apiRequests(stub).map((req) => req.url)).toEqual([
        `${API}/company/companies?pageSize=3&page=1`,
        `${API}/company/companies?pageSize=3&page=2`,
        `${API}/company/companies?pageSize=3&page=3`,
      ]);
    });

    it('never follows a next link to another origin, and counts pages itself instead', async () => {
      const elsewhere = await startStub();
      try {
        stub.handle(
          connectWise(stub, (path, _req, res) => {
            const page = Number(new URL(path, 'http://x').searchParams.get('page'));
            json(res, 200, items.slice((page - 1) * 3, page * 3), {
              Link: `<${elsewhere.url}${API}/company/companies?page=${page + 1}>; rel="next"`,
            });
          }),
        );
        const companies = await client().listCompanies({ pageSize: 3 });
        expect(companies).toHaveLength(7);
        expect(elsewhere.requests).toHaveLength(0);
      } finally {
        await elsewhere.close();
      }
    });

    it('without a Link header, stops at the first short page', async () => {
      stub.handle(
        connectWise(stub, (path, _req, res) => {
          const page = Number(new URL(path, 'http://x').searchParams.get('page'));
          json(res, 200, items.slice((page - 1) * 3, page * 3));
        }),
      );
      await expect(client().listCompanies({ pageSize: 3 })).resolves.toHaveLength(7);
      expect(apiRequests(stub)).toHaveLength(3);
    });

    it('stops a server that links a page to itself', async () => {
      stub.handle(
        connectWise(stub, (_path, req, res) =>
          json(res, 200, items.slice(0, 3), { Link: `<${stub.url}${req.url}>; rel="next"` }),
        ),
      );
      expect((await failure(client().listCompanies({ pageSize: 3 }))).kind).toBe('BAD_RESPONSE');
    });

    it('sends conditions URL-encoded and refuses page sizes over 1000', async () => {
      stub.handle(connectWise(stub, (_p, _r, res) => json(res, 200, [])));
      await client().listUnpostedInvoices({ conditions: 'company/id = 5 and invoiceType = "CreditMemo"' });
      expect(apiRequests(stub)[0].url).toBe(
        `${API}/finance/accounting/unpostedinvoices?conditions=company%2Fid%20%3D%205%20and%20invoiceType%20%3D%20%22CreditMemo%22&pageSize=1000&page=1`,
      );
      await expect(client().listCompanies({ pageSize: 1001 })).rejects.toThrow(RangeError);
    });
  });

  describe('input checks', () => {
    it.each([
      ['companyId', { companyId: 'acme/../x' }],
      ['companyId', { companyId: '' }],
      ['publicKey', { publicKey: 'abc:def' }],
      ['publicKey', { publicKey: 'abc def' }],
      ['privateKey', { privateKey: 'abc\r\nX-Injected: 1' }],
      ['privateKey', { privateKey: 'x'.repeat(257) }],
      ['clientId', { clientId: '' }],
    ])('refuses a bad %s before any request', (field, change) => {
      let caught: unknown;
      try {
        client(change);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ kind: 'INVALID_INPUT', field });
      expect(stub.requests).toHaveLength(0);
    });

    it('refuses an invalid site with INVALID_SITE', () => {
      expect(() => client({ site: 'na.myconnectwise.net/x?y' })).toThrow(ConnectWiseError);
    });

    it('keeps the keys out of JSON and inspection of the client', () => {
      const cw = client();
      expect(JSON.stringify(cw)).not.toContain('SENTINEL');
      expect(inspect(cw, { depth: 5, showHidden: true })).not.toContain('SENTINEL');
    });
  });
});
