import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * Reads `?token=` from an emailed link once, then removes it from the address bar (and history)
 * so it cannot leak through a bookmark, a screenshot or the Referer header. Nothing is sent to the
 * API here: mail scanners open links, so only an explicit submit may use the token.
 */
export function useEmailLinkToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => new URLSearchParams(location.search).get('token')?.trim() || null);

  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (!params.has('token')) return;
    params.delete('token');
    const search = params.toString();
    // With BrowserRouter this is a history.replaceState: the tokenised URL leaves the history stack.
    navigate(
      { pathname: location.pathname, search: search ? `?${search}` : '', hash: location.hash },
      {
        replace: true,
        state: location.state as unknown,
      },
    );
  }, [location, navigate]);

  return token;
}
