import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectWiseClient } from './connectwise-client';
import { connectFailedMessage } from './connectwise-http';
import { ConnectWiseError } from './errors';
import {
  createGuardedAgent,
  guardedFetch,
  isAllowedDestination,
  isPublicAddress,
  type HostLookup,
} from './destination-guard';

/** The SSRF guard at connect time (docs/request-hardening.md). Every socket here stays on 127.0.0.1. */

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['52.1.2.3', true],
    ['172.32.0.1', true],
    ['2606:4700::1111', true],
    ['2001:4860:4860::8888', true],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['0.0.0.0', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.10', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::a00:1', false],
    ['2001:db8::1', false],
    // 6to4 and Teredo: IPv6 addresses that tunnel to an IPv4 one (2002:7f00:0001:: is 127.0.0.1).
    ['2002:7f00:1::1', false],
    ['2002:c0a8:101::1', false],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', false],
    ['not an ip', false],
    ['', false],
  ])('%s: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('lets the development switch add loopback and nothing else', () => {
    const dev = { allowLoopback: true };
    expect(isAllowedDestination('127.0.0.1', dev)).toBe(true);
    expect(isAllowedDestination('::1', dev)).toBe(true);
    for (const address of ['0.0.0.0', '10.0.0.5', '169.254.169.254', '::ffff:127.0.0.1', '2002:7f00:1::1']) {
      expect(isAllowedDestination(address, dev)).toBe(false);
    }
    expect(isAllowedDestination('127.0.0.1', { allowLoopback: false })).toBe(false);
  });
});

describe('the guarded agent', () => {
  let server: http.Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('reached'));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    connections = 0;
  });

  const get = (url: string, options: { allowLoopback: boolean; lookup: HostLookup }) =>
    guardedFetch(createGuardedAgent(options))(url, { signal: AbortSignal.timeout(5000) });
  const codeOf = async (promise: Promise<unknown>) =>
    promise.then(
      () => 'connected',
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );

  it('refuses a name whose lookup at connect time answers a private address, without connecting', async () => {
    const code = await codeOf(
      get(`http://cw.rebind.example:${port}/`, { allowLoopback: false, lookup: async () => ['127.0.0.1'] }),
    );
    expect(code).toBe('ERR_BLOCKED_DESTINATION');
    expect(connections).toBe(0);
  });

  it('connects to the address its own lookup answered (the name exists nowhere else)', async () => {
    const res = await get(`http://cw.rebind.example:${port}/`, {
      allowLoopback: true,
      lookup: async () => ['127.0.0.1'],
    });
    expect(await res.text()).toBe('reached');
    expect(connections).toBe(1);
  });

  it('checks every connection: a name that rebinds to the metadata address is refused on the next one', async () => {
    const answers = [['127.0.0.1'], ['169.254.169.254']];
    const agent = createGuardedAgent({ allowLoopback: true, lookup: async () => answers.shift() ?? [] });
    const fetchIt = guardedFetch(agent);
    const first = await fetchIt(`http://cw.rebind.example:${port}/`, { headers: { connection: 'close' } });
    expect(await first.text()).toBe('reached');
    await agent.close();
    const again = createGuardedAgent({ allowLoopback: true, lookup: async () => answers.shift() ?? [] });
    expect(await codeOf(guardedFetch(again)(`http://cw.rebind.example:${port}/`, {}))).toBe('ERR_BLOCKED_DESTINATION');
    expect(connections).toBe(1);
  });

  it('refuses a name with any private address among public ones', async () => {
    const code = await codeOf(
      get(`http://cw.mixed.example:${port}/`, { allowLoopback: true, lookup: async () => ['8.8.8.8', '10.0.0.5'] }),
    );
    expect(code).toBe('ERR_BLOCKED_DESTINATION');
  });

  it.each(['0.0.0.0', '[::ffff:127.0.0.1]', '[::]', '10.0.0.5'])(
    'refuses the IP literal %s, which no lookup sees, without connecting',
    async (host) => {
      const lookup = async () => {
        throw new Error('an IP literal is never looked up');
      };
      expect(await codeOf(get(`http://${host}:${port}/`, { allowLoopback: true, lookup }))).toBe(
        'ERR_BLOCKED_DESTINATION',
      );
      expect(connections).toBe(0);
    },
  );
});

describe('what a person sees of a refused destination', () => {
  const KEYS = { companyId: 'acme_msp', publicKey: 'PublicKey01', privateKey: 'PrivateKey-0123456789' };
  const CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';

  async function closedPort(): Promise<number> {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  const failureOf = async (site: string, lookup: HostLookup, allowHttp = true) => {
    const client = new ConnectWiseClient({ site, ...KEYS, clientId: CLIENT_ID, allowHttp, lookup, timeoutMs: 5000 });
    const error = await client.validateCredentials().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectWiseError);
    return error as ConnectWiseError;
  };

  it('gives one message for a private address, a closed port and a name that does not resolve', async () => {
    const port = await closedPort();
    const site = `http://cw.probe.example:${port}`;
    const host = `cw.probe.example:${port}`;
    const privateAddress = await failureOf(site, async () => ['10.0.0.5']);
    const closed = await failureOf(site, async () => ['127.0.0.1']);
    const unresolved = await failureOf(site, async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND cw.probe.example'), { code: 'ENOTFOUND' });
    });
    expect([privateAddress.reason, closed.reason, unresolved.reason]).toEqual(['blocked', 'refused', 'dns']);
    for (const error of [privateAddress, closed, unresolved]) {
      expect(error).toMatchObject({ kind: 'SITE_UNREACHABLE', field: 'site', message: connectFailedMessage(host) });
    }
  });

  it('refuses a production site whose name resolves to loopback with that same message', async () => {
    const error = await failureOf('cw.rebind.example', async () => ['127.0.0.1'], false);
    expect(error).toMatchObject({
      kind: 'SITE_UNREACHABLE',
      reason: 'blocked',
      message: connectFailedMessage('cw.rebind.example'),
    });
  });
});
