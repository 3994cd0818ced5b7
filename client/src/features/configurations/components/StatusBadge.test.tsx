import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { theme } from '../../../app/theme';
import { StatusBadge } from './StatusBadge';

function renderBadge(props: Parameters<typeof StatusBadge>[0]) {
  return render(
    <MantineProvider theme={theme}>
      <StatusBadge {...props} />
    </MantineProvider>,
  );
}

const stateOf = (label: HTMLElement) => label.closest('[data-state]')?.getAttribute('data-state');

describe('StatusBadge', () => {
  it('shows "Not connected"', () => {
    renderBadge({ state: 'NOT_CONNECTED' });
    expect(stateOf(screen.getByText('Not connected'))).toBe('NOT_CONNECTED');
  });

  it('shows the company of a connected configuration', () => {
    renderBadge({ state: 'CONNECTED', companyName: 'Acme Managed Services LLC' });
    expect(screen.getByText('Connected · Acme Managed Services LLC')).toBeInTheDocument();
  });

  it('shows "Connected" when the company name is not known yet', () => {
    renderBadge({ state: 'CONNECTED', companyName: null });
    expect(screen.getByText('Connected')).toBeInTheDocument();
  });

  it('shows the reconnect deadline of an expiring connection', () => {
    renderBadge({ state: 'EXPIRING', reconnectBy: '2026-03-03T12:00:00.000Z' });
    const badge = screen.getByText(/^Reconnect by /);
    expect(badge).toHaveTextContent(/2026/);
    expect(stateOf(badge)).toBe('EXPIRING');
  });

  it('shows "Connection lost"', () => {
    renderBadge({ state: 'LOST', message: 'Intuit refused the refresh token.' });
    expect(stateOf(screen.getByText('Connection lost'))).toBe('LOST');
  });
});
