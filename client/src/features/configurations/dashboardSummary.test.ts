import { dashboardSummary } from './dashboardSummary';
import type { ConnectionStatusView, QuickBooksConfigurationView } from './types';

const connected: ConnectionStatusView = { state: 'CONNECTED', companyName: 'Acme' };
const company = (name: string, status: ConnectionStatusView): QuickBooksConfigurationView => ({
  id: name,
  name,
  isDefault: name === 'Default',
  status,
});

describe('the dashboard summary', () => {
  it('says the connections are set up only when nothing needs attention', () => {
    expect(dashboardSummary({ connectWise: connected, quickBooks: [company('Default', connected)] })).toBe(
      'Your connections are set up: import your invoices with Import, per QuickBooks Online company.',
    );
  });

  it('puts a lost QuickBooks company first, whatever the others', () => {
    const overview = {
      connectWise: connected,
      quickBooks: [company('Default', connected), company('West Coast', { state: 'LOST' as const })],
    };
    expect(dashboardSummary(overview)).toBe(
      'Your “West Coast” connection to QuickBooks Online has been lost: reconnect it.',
    );
    overview.quickBooks.push(company('East', { state: 'LOST' }), company('North', { state: 'LOST' }));
    expect(dashboardSummary(overview)).toBe(
      'Your “West Coast”, “East” and “North” connections to QuickBooks Online have been lost: reconnect them.',
    );
  });

  it('names the date a company must be reconnected by', () => {
    const expiring = company('Default', { state: 'EXPIRING', reconnectBy: '2027-03-12T10:00:00.000Z' });
    expect(dashboardSummary({ connectWise: connected, quickBooks: [expiring, company('B', connected)] })).toMatch(
      /^Reconnect “Default” to QuickBooks Online by Mar 12, 2027 to keep importing\.$/,
    );
  });

  it('puts a lost ConnectWise connection before everything', () => {
    expect(dashboardSummary({ connectWise: { state: 'LOST' }, quickBooks: [company('West', { state: 'LOST' })] })).toBe(
      'Your ConnectWise PSA connection has been lost: reconnect it before importing again.',
    );
  });

  it('guides a new account step by step', () => {
    expect(dashboardSummary({ connectWise: { state: 'NOT_CONNECTED' }, quickBooks: [] })).toBe(
      'Start by configuring your ConnectWise PSA connection.',
    );
    expect(
      dashboardSummary({ connectWise: connected, quickBooks: [company('Default', { state: 'NOT_CONNECTED' })] }),
    ).toBe('Next, connect a QuickBooks Online company to import your invoices into.');
  });
});
