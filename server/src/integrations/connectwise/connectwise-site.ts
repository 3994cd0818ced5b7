import net from 'node:net';
import { ConnectWiseError } from './errors';

/** The Site a person types ("na.myconnectwise.net"), reduced to what we dial. */
export interface NormalizedSite {
  scheme: 'https' | 'http';
  /** Lower-case host name (or, only with allowHttp, an IPv4 literal). */
  host: string;
  /** Present only with allowHttp. */
  port?: number;
}

export interface NormalizeSiteOptions {
  /** Development/tests only (CONNECTWISE_ALLOW_HTTP): accepts http://, ports, IPv4 literals and localhost. */
  allowHttp?: boolean;
}

const MAX_HOST_LENGTH = 253;
/** A whole address pasted from the browser bar (path and query included) may be this long. */
export const MAX_SITE_INPUT_LENGTH = 2048;
const EXAMPLE = 'for example na.myconnectwise.net';
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function invalidSite(message: string): never {
  throw new ConnectWiseError('INVALID_SITE', message, { field: 'site' });
}

/**
 * Pure: accepts "https://na.myconnectwise.net/", "NA.myconnectwise.net", " na.myconnectwise.net ", an address
 * pasted from the browser bar ("https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US": with
 * its https:// scheme, the path, query and fragment are dropped and its host is used) and, only with allowHttp,
 * "http://127.0.0.1:4102" (a path after it is dropped likewise). Anything else (a path or query without a scheme,
 * user info, other schemes, ports, IP literals, bad labels) throws an INVALID_SITE ConnectWiseError whose message
 * says what to fix.
 */
export function normalizeSite(input: unknown, options: NormalizeSiteOptions = {}): NormalizedSite {
  const allowHttp = options.allowHttp === true;
  if (typeof input !== 'string' || input.trim() === '') invalidSite(`Enter your ConnectWise PSA site, ${EXAMPLE}.`);
  const trimmed = input.trim();
  if (trimmed.length > MAX_SITE_INPUT_LENGTH)
    invalidSite(`The site is too long; enter only the host name, ${EXAMPLE}.`);
  if (/[\s\p{Cc}]/u.test(trimmed)) invalidSite('The site must not contain spaces or control characters.');
  if (/[^\x21-\x7e]/.test(trimmed)) {
    invalidSite(
      'The site may contain only letters, digits, dots and hyphens (use the xn-- form for international names).',
    );
  }

  let rest = trimmed;
  let scheme: NormalizedSite['scheme'] | undefined;
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (schemeMatch) {
    const given = schemeMatch[1].toLowerCase();
    if (given === 'https') scheme = 'https';
    else if (given === 'http' && allowHttp) scheme = 'http';
    else if (given === 'http') invalidSite('The site must use https://.');
    else invalidSite(`The site must be an https:// address, ${EXAMPLE}.`);
    rest = rest.slice(schemeMatch[0].length);
  } else if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(rest)) {
    invalidSite(`The site must be an https:// address, ${EXAMPLE}.`);
  }

  let authority: string;
  if (scheme) {
    // A whole address (from the browser bar): its authority ends where WHATWG URL parsing ends it, at the first
    // "/", "?", "#" or "\\"; what follows names a page, not the server, and is dropped.
    const end = rest.search(/[/?#\\]/);
    authority = end === -1 ? rest : rest.slice(0, end);
  } else {
    if (/[?#]/.test(rest)) invalidSite('The site must not contain a query string or a fragment.');
    const slash = rest.indexOf('/');
    authority = slash === -1 ? rest : rest.slice(0, slash);
    const path = slash === -1 ? '' : rest.slice(slash);
    if (path !== '' && path !== '/') invalidSite(`Enter only the host name, without a path (${EXAMPLE}).`);
  }
  if (authority.length > MAX_HOST_LENGTH) invalidSite(`The site is too long; enter only the host name, ${EXAMPLE}.`);
  if (authority.includes('@')) invalidSite('The site must not contain a user name or password.');
  if (/[[\]]/.test(authority)) invalidSite(`Enter the ConnectWise host name, not an IP address (${EXAMPLE}).`);
  if (authority === '') invalidSite(`Enter your ConnectWise PSA site, ${EXAMPLE}.`);

  let host = authority;
  let port: number | undefined;
  const colon = authority.lastIndexOf(':');
  if (colon !== -1) {
    const portText = authority.slice(colon + 1);
    host = authority.slice(0, colon);
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      invalidSite('The port in the site is not valid.');
    }
    if (!allowHttp) invalidSite(`Enter the site without a port (${EXAMPLE}).`);
    port = Number(portText);
  }
  host = host.toLowerCase();
  validateHost(host, allowHttp);

  scheme ??= allowHttp && isLoopbackHost(host) ? 'http' : 'https';
  return port === undefined ? { scheme, host } : { scheme, host, port };
}

function validateHost(host: string, allowHttp: boolean): void {
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) invalidSite(`Enter a valid host name, ${EXAMPLE}.`);
  const labels = host.split('.');
  if (labels.some((label) => label === '')) invalidSite(`"${host}" is not a valid host name (${EXAMPLE}).`);

  if (labels.every((label) => /^\d+$/.test(label))) {
    if (!allowHttp) invalidSite(`Enter the ConnectWise host name, not an IP address (${EXAMPLE}).`);
    if (net.isIPv4(host)) return;
    invalidSite(`"${host}" is not a valid IP address.`);
  }
  for (const label of labels) {
    if (!LABEL.test(label)) invalidSite(`"${host}" is not a valid host name (${EXAMPLE}).`);
  }
  if (/^\d+$/.test(labels[labels.length - 1])) invalidSite(`"${host}" is not a valid host name (${EXAMPLE}).`);

  // WHATWG URL parsing turns names such as "0x7f000001" into IP addresses; refuse anything that would change.
  if (new URL(`https://${host}/`).hostname !== host) invalidSite(`"${host}" is not a valid host name (${EXAMPLE}).`);

  const loopbackName = host === 'localhost' || host.endsWith('.localhost');
  if (!allowHttp && loopbackName) invalidSite(`Enter your ConnectWise PSA site, ${EXAMPLE}.`);
  if (!allowHttp && labels.length < 2) invalidSite(`Enter the full host name, ${EXAMPLE}.`);
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || (net.isIPv4(host) && host.startsWith('127.'));
}

/** The canonical text to store and show: "na.myconnectwise.net", or "http://127.0.0.1:4102" when it needs more. */
export function formatSite(site: NormalizedSite): string {
  if (site.scheme === 'https' && site.port === undefined) return site.host;
  return siteOrigin(site);
}

export function siteOrigin(site: NormalizedSite): string {
  return `${site.scheme}://${site.host}${site.port === undefined ? '' : `:${site.port}`}`;
}
