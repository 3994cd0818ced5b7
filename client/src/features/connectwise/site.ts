/**
 * What Mobius will use of what was typed or pasted in the Site field. A whole address from the browser bar
 * ("https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US") becomes its host
 * ("na.myconnectwise.net"): the path, query and fragment name a page, not the server. An address that needs more
 * than a host (http://, a port: the development simulator) keeps its scheme, host and port. Anything else is only
 * trimmed (and a lone trailing "/" dropped); the server checks the result and says what to fix
 * (server/src/integrations/connectwise/connectwise-site.ts does the same reduction).
 */
export function siteToUse(value: string): string {
  const trimmed = value.trim();
  const address = /^(https?):\/\/([^/?#\\]*)/i.exec(trimmed);
  if (!address) return /^[^/?#]+\/$/.test(trimmed) ? trimmed.slice(0, -1) : trimmed;
  const scheme = address[1].toLowerCase();
  const authority = address[2].toLowerCase();
  if (authority === '') return trimmed;
  // A plain https:// host is stored as the bare host; anything more (user info, a port, http) is kept for the
  // server to accept (development) or to refuse with its reason.
  return scheme === 'https' && /^[a-z0-9.-]+$/.test(authority) ? authority : `${scheme}://${authority}`;
}
