import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { ConnectionStatusView, QuickBooksConfigurationView } from '../../features/configurations/types';
import { theme } from '../theme';
import { Sidebar } from './Sidebar';

function renderSidebar(connectWise: ConnectionStatusView, quickBooks: QuickBooksConfigurationView[], url = '/') {
  render(
    <MantineProvider theme={theme}>
      <MemoryRouter initialEntries={[url]}>
        <Sidebar connectWise={connectWise} quickBooks={quickBooks} />
      </MemoryRouter>
    </MantineProvider>,
  );
  return screen.getByRole('navigation', { name: 'Main' });
}

const config = (id: string, name: string, state: ConnectionStatusView['state']): QuickBooksConfigurationView => ({
  id,
  name,
  isDefault: id === 'qb1',
  status: { state },
});

describe('Sidebar › Import', () => {
  it('offers one Import entry per connected QuickBooks company, and says why the others are unavailable', () => {
    const nav = renderSidebar({ state: 'CONNECTED' }, [
      config('qb1', 'Default', 'CONNECTED'),
      config('qb2', 'West Coast', 'LOST'),
      config('qb3', 'Third Co', 'NOT_CONNECTED'),
    ]);

    expect(within(nav).getByRole('link', { name: 'Import into Default' })).toHaveAttribute(
      'href',
      '/quickbooks/qb1/import',
    );
    const lost = within(nav).getByRole('button', { name: 'Import into West Coast' });
    expect(lost).toHaveAttribute('aria-disabled', 'true');
    expect(lost).toHaveAccessibleDescription('Reconnect this QuickBooks company first');
    expect(within(nav).getByRole('button', { name: 'Import into Third Co' })).toHaveAccessibleDescription(
      'Connect this QuickBooks company first',
    );
  });

  it('keeps Import unavailable until ConnectWise PSA is connected', () => {
    const nav = renderSidebar({ state: 'NOT_CONNECTED' }, [config('qb1', 'Default', 'CONNECTED')]);
    expect(within(nav).getByRole('button', { name: 'Import into Default' })).toHaveAccessibleDescription(
      'Connect ConnectWise PSA and this QuickBooks company first',
    );
  });

  it('marks the import of the company being viewed, not its setup entry', () => {
    const nav = renderSidebar(
      { state: 'CONNECTED' },
      [config('qb1', 'Default', 'CONNECTED')],
      '/quickbooks/qb1/import/runs/r1',
    );
    expect(within(nav).getByRole('link', { name: 'Import into Default' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Default' })).not.toHaveAttribute('aria-current');
  });
});
