import { useEffect, useMemo, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { loadPasswordEstimator, type PasswordEstimator, type PasswordStrength } from '../passwordStrength';

/**
 * The strength of `password` once the estimator has loaded (it starts loading when the form
 * mounts); null while it loads, when it could not load, or for an empty password.
 */
export function usePasswordStrength(password: string): PasswordStrength | null {
  const [estimate, setEstimate] = useState<PasswordEstimator | null>(null);
  useEffect(() => {
    let live = true;
    loadPasswordEstimator().then(
      (estimator) => {
        if (live) setEstimate(() => estimator);
      },
      () => undefined, // no meter: the API still checks the password
    );
    return () => {
      live = false;
    };
  }, []);
  // Typing stays responsive: the password is rated once the typist pauses, not at every key.
  const [settled] = useDebouncedValue(password, 150);
  return useMemo(() => (estimate && settled !== '' ? estimate(settled) : null), [estimate, settled]);
}
