/**
 * Parses an RFC 5988/8288 Link header into rel → absolute URL, resolving relative targets against baseUrl.
 * Unparsable entries are skipped; the first link for a rel wins.
 */
export function parseLinkHeader(header: string | null | undefined, baseUrl?: string): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  // Each entry is <target> followed by its parameters, up to the next "<" (targets never contain "<" or ">").
  const entry = /<([^>]*)>([^<]*)/g;
  for (const match of header.matchAll(entry)) {
    const target = resolve(match[1].trim(), baseUrl);
    if (target === undefined) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s"]+))/i.exec(match[2]);
    const relValue = rel?.[1] ?? rel?.[2];
    if (!relValue) continue;
    for (const name of relValue.toLowerCase().split(/\s+/).filter(Boolean)) {
      links[name] ??= target;
    }
  }
  return links;
}

function resolve(target: string, baseUrl: string | undefined): string | undefined {
  try {
    return new URL(target, baseUrl).toString();
  } catch {
    return undefined;
  }
}
