import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { parseOAuthReturn, withoutOAuthParams, type OAuthReturn } from '../oauthReturn';

/**
 * Reads `?connected=1` / `?error=CODE` once, then takes it out of the address bar so a reload or a
 * bookmark does not show the message again. Returns the outcome and a way to dismiss it.
 */
export function useOAuthReturn(): [OAuthReturn | null, () => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState(() => parseOAuthReturn(location.search));

  useEffect(() => {
    if (!parseOAuthReturn(location.search)) return;
    setOutcome(parseOAuthReturn(location.search));
    navigate(
      { pathname: location.pathname, search: withoutOAuthParams(location.search), hash: location.hash },
      { replace: true, state: location.state as unknown },
    );
  }, [location, navigate]);

  return [outcome, () => setOutcome(null)];
}
