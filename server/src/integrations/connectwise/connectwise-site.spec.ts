import { formatSite, normalizeSite } from './connectwise-site';
import { ConnectWiseError } from './errors';

describe('normalizeSite', () => {
  it.each([
    ['na.myconnectwise.net', { scheme: 'https', host: 'na.myconnectwise.net' }],
    ['https://na.myconnectwise.net/', { scheme: 'https', host: 'na.myconnectwise.net' }],
    ['HTTPS://NA.MyConnectWise.net', { scheme: 'https', host: 'na.myconnectwise.net' }],
    ['NA.myconnectwise.net', { scheme: 'https', host: 'na.myconnectwise.net' }],
    [' na.myconnectwise.net ', { scheme: 'https', host: 'na.myconnectwise.net' }],
    ['\teu.myconnectwise.net/\n', { scheme: 'https', host: 'eu.myconnectwise.net' }],
    ['au.myconnectwise.net', { scheme: 'https', host: 'au.myconnectwise.net' }],
    ['api-na.myconnectwise.net', { scheme: 'https', host: 'api-na.myconnectwise.net' }],
    ['cw.acme-msp.com', { scheme: 'https', host: 'cw.acme-msp.com' }],
    ['psa.xn--bcher-kva.example', { scheme: 'https', host: 'psa.xn--bcher-kva.example' }],
  ])('accepts %p', (input, expected) => {
    expect(normalizeSite(input)).toEqual(expected);
  });

  it.each([
    ['', /Enter your ConnectWise PSA site/],
    ['   ', /Enter your ConnectWise PSA site/],
    ['na.myconnect wise.net', /spaces/],
    ['na.myconnectwise.net/v4_6_release/apis/3.0', /without a path/],
    ['na.myconnectwise.net?x=1', /query string/],
    ['na.myconnectwise.net#top', /query string or a fragment/],
    // secretlint-disable-next-line -- a made-up credential: the test proves a Site carrying one is refused
    ['https://user:pass@na.myconnectwise.net', /user name or password/],
    ['evil.test@na.myconnectwise.net', /user name or password/],
    ['http://na.myconnectwise.net', /https/],
    ['file:///etc/passwd', /https/],
    ['gopher://na.myconnectwise.net', /https/],
    ['javascript:alert(1)', /https/],
    ['ftp://na.myconnectwise.net', /https/],
    ['na.myconnectwise.net:8443', /without a port/],
    ['na.myconnectwise.net:99999', /port/],
    ['http://127.0.0.1:4102', /https/],
    ['127.0.0.1', /not an IP address/],
    ['http://169.254.169.254/latest/meta-data/', /https/],
    ['169.254.169.254', /not an IP address/],
    ['2130706433', /not an IP address/],
    ['0x7f000001', /full host name|not a valid host name/],
    ['[::1]', /not an IP address/],
    ['https://[::1]/', /not an IP address/],
    ['localhost', /Enter your ConnectWise PSA site/],
    ['cw.localhost', /Enter your ConnectWise PSA site/],
    ['myconnectwise', /full host name/],
    ['-na.myconnectwise.net', /not a valid host name/],
    ['na-.myconnectwise.net', /not a valid host name/],
    ['na..myconnectwise.net', /not a valid host name/],
    ['na.myconnectwise.net.', /not a valid host name/],
    ['na_1.myconnectwise.net', /not a valid host name/],
    ['na.myconnectwise.123', /not a valid host name/],
    [`${'a'.repeat(64)}.example.com`, /not a valid host name/],
    [`${'abcdefghi.'.repeat(26)}com`, /too long/],
    ['nä.myconnectwise.net', /only letters, digits/],
    ['na.myconnectwise.net\r\nX-Injected: 1', /spaces or control characters/],
  ])('rejects %p', (input, message) => {
    let caught: unknown;
    try {
      normalizeSite(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectWiseError);
    expect(caught).toMatchObject({ kind: 'INVALID_SITE', field: 'site', message: expect.stringMatching(message) });
  });

  describe('an address pasted from the browser bar', () => {
    it.each([
      ['https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US', 'na.myconnectwise.net'],
      ['https://na.myconnectwise.net/login', 'na.myconnectwise.net'],
      [' HTTPS://EU.MyConnectWise.net/v2025_1/ConnectWise.aspx?locale=en_GB#startscreen ', 'eu.myconnectwise.net'],
      ['https://au.myconnectwise.net?locale=en_AU', 'au.myconnectwise.net'],
      ['https://cw.acme-msp.com#top', 'cw.acme-msp.com'],
      [
        'https://cw.acme-msp.com/v4_6_release/services/system_io/router/openrecord.rails?recordType=x&id=1',
        'cw.acme-msp.com',
      ],
    ])('%p is the host %p', (input, host) => {
      expect(normalizeSite(input)).toEqual({ scheme: 'https', host });
      expect(formatSite(normalizeSite(input))).toBe(host);
    });

    it.each([
      // The scheme marks a whole address: without it a path or query is still refused (it is not a host name).
      ['na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US', /query string|without a path/],
      ['http://na.myconnectwise.net/v4_6_release/ConnectWise.aspx', /https/],
      ['https://na.myconnectwise.net:8443/v4_6_release/ConnectWise.aspx', /without a port/],
      // secretlint-disable-next-line -- a made-up credential: the test proves a Site carrying one is refused
      ['https://user:pass@na.myconnectwise.net/v4_6_release/ConnectWise.aspx', /user name or password/],
      ['https://127.0.0.1/v4_6_release/ConnectWise.aspx', /not an IP address/],
      ['https://localhost/v4_6_release/ConnectWise.aspx', /Enter your ConnectWise PSA site/],
      ['https:///v4_6_release/ConnectWise.aspx', /Enter your ConnectWise PSA site/],
      ['https://?locale=en_US', /Enter your ConnectWise PSA site/],
      ['https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?a=b c', /spaces/],
    ])('still rejects %p', (input, message) => {
      expect(() => normalizeSite(input)).toThrow(message);
    });

    it('accepts a long address up to 2048 characters, and no longer one', () => {
      const long = `https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?${'q=1&'.repeat(400)}`;
      expect(normalizeSite(long)).toEqual({ scheme: 'https', host: 'na.myconnectwise.net' });
      expect(() => normalizeSite(`https://na.myconnectwise.net/?${'q'.repeat(2048)}`)).toThrow(/too long/);
    });

    it('takes the authority where a browser would: a backslash ends it, like a slash', () => {
      expect(normalizeSite('https://cw.acme-msp.com\\@na.myconnectwise.net/')).toEqual({
        scheme: 'https',
        host: new URL('https://cw.acme-msp.com\\@na.myconnectwise.net/').hostname,
      });
    });
  });

  it('rejects values that are not strings', () => {
    expect(() => normalizeSite(undefined)).toThrow(ConnectWiseError);
    expect(() => normalizeSite(42)).toThrow(ConnectWiseError);
  });

  describe('with allowHttp (development and tests only)', () => {
    it.each([
      ['http://127.0.0.1:4102', { scheme: 'http', host: '127.0.0.1', port: 4102 }],
      ['127.0.0.1:4102', { scheme: 'http', host: '127.0.0.1', port: 4102 }],
      ['http://localhost:4102/', { scheme: 'http', host: 'localhost', port: 4102 }],
      ['https://127.0.0.1:8443', { scheme: 'https', host: '127.0.0.1', port: 8443 }],
      ['na.myconnectwise.net', { scheme: 'https', host: 'na.myconnectwise.net' }],
      [
        'http://127.0.0.1:4102/v4_6_release/ConnectWise.aspx?locale=en_US',
        { scheme: 'http', host: '127.0.0.1', port: 4102 },
      ],
      [
        'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US',
        { scheme: 'https', host: 'na.myconnectwise.net' },
      ],
    ])('accepts %p', (input, expected) => {
      expect(normalizeSite(input, { allowHttp: true })).toEqual(expected);
    });

    it.each([
      'http://127.0.0.1:0',
      'http://256.1.1.1:80',
      'http://127.1:80',
      'gopher://127.0.0.1:70',
      'http://u@127.0.0.1:1',
    ])('still rejects %p', (input) => {
      expect(() => normalizeSite(input, { allowHttp: true })).toThrow(ConnectWiseError);
    });
  });
});

describe('formatSite', () => {
  it('stores https sites as the bare host and others with scheme and port', () => {
    expect(formatSite(normalizeSite('https://NA.myconnectwise.net/'))).toBe('na.myconnectwise.net');
    expect(formatSite(normalizeSite('127.0.0.1:4102', { allowHttp: true }))).toBe('http://127.0.0.1:4102');
  });
});
