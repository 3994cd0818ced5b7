import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { ConfigurationsOverview } from '../types';

const STORAGE_KEY = 'mobius.lostRedirects';

function remembered(): Set<string> {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const ids: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function remember(ids: Set<string>) {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...ids]));
  } catch {
    // Storage unavailable (private mode): the redirect may repeat on the next visit, never in a loop.
  }
}

/**
 * docs/product.md §5: when a QuickBooks Online connection is lost, the dashboard sends the person to that
 * configuration's page, where the flash message says what to do. Once per configuration and browser
 * session: coming back to the dashboard afterwards stays on the dashboard. A configuration that is
 * no longer lost is forgotten, so losing it again redirects again.
 */
export function useLostConnectionRedirect(overview: ConfigurationsOverview | null) {
  const navigate = useNavigate();

  useEffect(() => {
    if (!overview) return;
    const done = remembered();
    const lostIds = new Set(overview.quickBooks.filter((c) => c.status.state === 'LOST').map((c) => c.id));
    for (const id of [...done]) if (!lostIds.has(id)) done.delete(id);
    const target = overview.quickBooks.find((c) => lostIds.has(c.id) && !done.has(c.id));
    if (target) done.add(target.id);
    remember(done);
    if (target) navigate(`/quickbooks/${encodeURIComponent(target.id)}`);
  }, [overview, navigate]);
}
