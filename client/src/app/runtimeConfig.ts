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
