import type { ConnectionStatusView, QuickBooksConfigurationView } from './types';

/** The sentence under each configuration, by state; docs/product.md §5 words the lost-connection flash. */

export function connectWiseDescription(status: ConnectionStatusView): string {
  switch (status.state) {
    case 'CONNECTED':
    case 'EXPIRING':
      return 'Mobius reads your unposted invoices, customers, products and taxes from this company.';
    case 'LOST':
      return status.message ?? 'ConnectWise PSA no longer accepts the saved keys. Enter new API keys to continue.';
    case 'NOT_CONNECTED':
      return 'Start here: enter your ConnectWise PSA site, company ID and the API keys of a member with access to the Accounting System.';
  }
}

export function quickBooksDescription(config: QuickBooksConfigurationView, connectWiseReady: boolean): string {
  const { status, name } = config;
  switch (status.state) {
    case 'CONNECTED':
      return 'Ready to import ConnectWise PSA invoices into this QuickBooks Online company.';
    case 'EXPIRING':
      return 'QuickBooks Online asks for a new authorization before this date. Reconnect to keep importing.';
    case 'LOST':
      return status.message ?? `Your ${name} connection to QuickBooks Online has been lost. Please reconnect.`;
    case 'NOT_CONNECTED':
      return connectWiseReady
        ? 'Sign in to QuickBooks Online and choose the company your invoices go to.'
        : 'Available once your ConnectWise PSA connection is configured.';
  }
}

export function quickBooksActionLabel(config: QuickBooksConfigurationView): string {
  switch (config.status.state) {
    case 'CONNECTED':
      return 'Open configuration';
    case 'EXPIRING':
    case 'LOST':
      return 'Reconnect to QuickBooks Online';
    case 'NOT_CONNECTED':
      return 'Connect to QuickBooks Online';
  }
}
