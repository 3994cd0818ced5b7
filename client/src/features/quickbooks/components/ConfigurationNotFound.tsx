import { ErrorState } from '../../../components/ErrorState';

/** The page for a configuration id the account does not have (deleted, or a stale link). */
export function ConfigurationNotFound() {
  return (
    <ErrorState
      headingOrder={1}
      title="Configuration not found"
      message="This QuickBooks Online configuration does not exist in your account. Pick one in the sidebar."
    />
  );
}
