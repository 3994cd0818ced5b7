/** What Intuit's round trip ended with: the callback sends the browser back with `?connected=1` or `?error=CODE`. */
export type OAuthReturn = { kind: 'connected' } | { kind: 'error'; code: string };

export function parseOAuthReturn(search: string): OAuthReturn | null {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) return { kind: 'error', code: error.slice(0, 64) };
  if (params.get('connected') === '1') return { kind: 'connected' };
  return null;
}

export function withoutOAuthParams(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('connected');
  params.delete('error');
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

export const CANCELLED_MESSAGE = 'You cancelled the connection at Intuit. Nothing changed.';
export const REALM_IN_USE_MESSAGE =
  'That QuickBooks company is already connected to another configuration of your account. Choose a different company at Intuit, or disconnect it from the other configuration first.';

/** Each code the callback can send (SPEC §2), as a person reads it. */
export function oauthErrorText(code: string): { title: string; message: string } {
  switch (code) {
    case 'ACCESS_DENIED':
      return { title: 'Connection cancelled', message: CANCELLED_MESSAGE };
    case 'INVALID_STATE':
      return {
        title: 'Connection not completed',
        message:
          'That sign-in with Intuit expired, was already used, or was started from another session, so Mobius ignored it. Nothing changed. Click Connect to QuickBooks to start again.',
      };
    case 'QUICKBOOKS_REALM_IN_USE':
      return { title: 'Company already connected', message: REALM_IN_USE_MESSAGE };
    case 'QUICKBOOKS_REALM_MISMATCH':
      return {
        title: 'A different QuickBooks company',
        message:
          'This configuration belongs to another QuickBooks Online company. Choose that company at Intuit, or Disconnect this configuration first to switch companies. Nothing changed.',
      };
    case 'DISCONNECTED_IN_QUICKBOOKS':
      return {
        title: 'Disconnected in QuickBooks',
        message:
          'Mobius was disconnected from this company inside QuickBooks Online, so it can no longer import into it. Click Connect to QuickBooks to connect it again.',
      };
    default:
      return {
        title: 'Connection not completed',
        message: 'Mobius could not complete the connection with Intuit. Nothing changed. Please try again in a moment.',
      };
  }
}
