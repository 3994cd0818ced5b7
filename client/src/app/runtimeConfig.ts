/**
 * Settings the server hands the built dashboard without a rebuild: it rewrites the
 * `<meta name="mobius-mailbox-url" content="">` tag of index.html. In `vite` dev, the
 * MOBIUS_MAILBOX_URL variable fills the same tag (see vite.config.ts). Empty means "not demo mode".
 */
export function getMailboxUrl(doc: Document = document): string | null {
  const raw = doc.querySelector<HTMLMetaElement>('meta[name="mobius-mailbox-url"]')?.content.trim();
  if (!raw) return null;
  // Only a same-site path or an http(s) URL: never a javascript: or data: link.
  if (raw.startsWith('/') && !raw.startsWith('//')) return raw;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Demo mode: the server runs its simulators and filled the mailbox tag (see getMailboxUrl). */
export function getDemoMode(doc: Document = document): boolean {
  return getMailboxUrl(doc) !== null;
}

/** The ConnectWise PSA simulator `npm start` runs on its default port (SIMULATOR_BASE_PORT + 2). */
export const DEMO_CONNECTWISE_SITE = 'http://127.0.0.1:4102';

/**
 * The demo ConnectWise PSA site. The server may name it in `<meta name="mobius-demo-connectwise-site">`
 * (when SIMULATOR_BASE_PORT moves the simulators); otherwise the default port.
 */
export function getDemoConnectWiseSite(doc: Document = document): string {
  const raw = doc.querySelector<HTMLMetaElement>('meta[name="mobius-demo-connectwise-site"]')?.content.trim();
  if (!raw) return DEMO_CONNECTWISE_SITE;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? raw.replace(/\/+$/, '') : DEMO_CONNECTWISE_SITE;
  } catch {
    return DEMO_CONNECTWISE_SITE;
  }
}
