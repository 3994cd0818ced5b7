import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { theme } from '../../../app/theme';
import type { ConfigurationsOverview } from '../types';
import { ConfigurationList } from './ConfigurationList';

function renderList(overview: ConfigurationsOverview) {
  return render(
    <MantineProvider theme={theme}>
      <MemoryRouter>
        <ConfigurationList {...overview} />
      </MemoryRouter>
    </MantineProvider>,
  );
}

describe('ConfigurationList', () => {
  it('lists ConnectWise PSA first, then each QuickBooks Online configuration', () => {
    renderList({
      connectWise: { state: 'NOT_CONNECTED' },
      quickBooks: [
        { id: 'default', name: 'Default', isDefault: true, status: { state: 'NOT_CONNECTED' } },
        { id: 'q2', name: 'Second Co', isDefault: false, status: { state: 'NOT_CONNECTED' } },
      ],
    });

    const items = within(screen.getByRole('list', { name: 'Configurations' })).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual([
      'Step 1: ConnectWise PSA',
      'Step 2: Default',
      'Step 3: Second Co',
    ]);
    expect(within(items[0]).getByRole('link', { name: 'Configure ConnectWise PSA' })).toHaveAttribute(
      'href',
      '/connectwise',
    );
    expect(within(items[0]).getByText('Not connected')).toBeInTheDocument();
  });

  it('keeps QuickBooks Online unavailable until ConnectWise PSA is configured', () => {
    renderList({
      connectWise: { state: 'NOT_CONNECTED' },
      quickBooks: [{ id: 'default', name: 'Default', isDefault: true, status: { state: 'NOT_CONNECTED' } }],
    });

    const button = screen.getByRole('button', { name: 'Connect to QuickBooks Online' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription('Configure ConnectWise PSA first');
  });

  it('links to the configuration once ConnectWise PSA is connected, and flags a lost connection', () => {
    renderList({
      connectWise: { state: 'CONNECTED', companyName: 'acme' },
      quickBooks: [{ id: '7', name: 'Default', isDefault: true, status: { state: 'LOST' } }],
    });

    expect(screen.getByRole('link', { name: 'Reconnect to QuickBooks Online' })).toHaveAttribute(
      'href',
      '/quickbooks/7',
    );
    expect(
      screen.getByText('Your Default connection to QuickBooks Online has been lost. Please reconnect.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Connection lost')).toBeInTheDocument();
  });
});
