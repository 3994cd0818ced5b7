import { siteToUse } from './site';

describe('siteToUse', () => {
  it.each([
    ['https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US', 'na.myconnectwise.net'],
    ['  HTTPS://EU.MyConnectWise.net/v2025_1/ConnectWise.aspx#startscreen ', 'eu.myconnectwise.net'],
    ['https://au.myconnectwise.net?locale=en_AU', 'au.myconnectwise.net'],
    ['https://na.myconnectwise.net/', 'na.myconnectwise.net'],
    ['na.myconnectwise.net', 'na.myconnectwise.net'],
    [' na.myconnectwise.net/ ', 'na.myconnectwise.net'],
    ['cw.acme-msp.com', 'cw.acme-msp.com'],
    // The development simulator keeps its scheme and port.
    ['http://127.0.0.1:4102', 'http://127.0.0.1:4102'],
    ['http://127.0.0.1:4102/v4_6_release/ConnectWise.aspx?locale=en_US', 'http://127.0.0.1:4102'],
    // Kept for the server to refuse with its reason (https only, no port, no user name).
    ['http://na.myconnectwise.net/v4_6_release/ConnectWise.aspx', 'http://na.myconnectwise.net'],
    ['https://na.myconnectwise.net:8443/x', 'https://na.myconnectwise.net:8443'],
    ['https://user@na.myconnectwise.net/x', 'https://user@na.myconnectwise.net'],
    // Without a scheme a path is not taken for an address: the server says to enter only the host name.
    ['na.myconnectwise.net/v4_6_release/apis/3.0', 'na.myconnectwise.net/v4_6_release/apis/3.0'],
    ['https://', 'https://'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(siteToUse(input)).toBe(expected);
  });
});
