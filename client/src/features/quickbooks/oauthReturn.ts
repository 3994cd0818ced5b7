/**
 * What Intuit's round trip ended with: the callback sends the browser back with `?connected=1` or `?error=CODE`,
 * and for QUICKBOOKS_REALM_IN_USE `&heldBy=<id>`, the configuration that holds the company. Only its id travels:
 * the page looks the name up in the account's own configurations, so the address cannot put words in it.
 */
export type OAuthReturn = { kind: 'connected' } | { kind: 'error'; code: string; heldBy?: string };

const CONFIGURATION_ID = /^[A-Za-z0-9-]{1,64}$/;

export function parseOAuthReturn(search: string): OAuthReturn | null {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) {
    const heldBy = params.get('heldBy');
    const code = error.slice(0, 64);
    return heldBy && CONFIGURATION_ID.test(heldBy) ? { kind: 'error', code, heldBy } : { kind: 'error', code };
  }
  if (params.get('connected') === '1') return { kind: 'connected' };
  return null;
}

export function withoutOAuthParams(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('connected');
  params.delete('error');
  params.delete('heldBy');
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

export const CANCELLED_MESSAGE = 'You cancelled the connection at Intuit. Nothing changed.';
/** When the configuration that holds the company is not known (deleted since, or an address typed by hand). */
export const REALM_IN_USE_MESSAGE =
  'This QuickBooks company is already connected to another configuration of your account. Disconnect it there first, or choose another company.';

/** Names the configuration that holds the company; React shows the name as text, whatever it contains. */
export function realmInUseMessage(holderName?: string | null): string {
  if (!holderName) return REALM_IN_USE_MESSAGE;
  return `This QuickBooks company is already connected to your configuration “${holderName}”. Disconnect it there first, or choose another company.`;
}

/** Each code the callback can send (docs/product.md §8), as a person reads it; `holderName` names the configuration holding the company. */
export function oauthErrorText(code: string, holderName?: string | null): { title: string; message: string } {
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
      return { title: 'Company already connected', message: realmInUseMessage(holderName) };
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
