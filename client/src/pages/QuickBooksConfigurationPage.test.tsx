import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import type { MockLink } from '@apollo/client/testing';
import {
  BeginQuickBooksAuthDocument,
  CheckQuickBooksConnectionDocument,
  ConfigurationsOverviewDocument,
  DeleteQuickBooksCompanyDocument,
  DisconnectQuickBooksDocument,
  ImportMappingsDocument,
  QuickBooksConfigurationDocument,
  RenameQuickBooksCompanyDocument,
  SaveImportSettingsDocument,
} from '../generated/graphql';
import { redirect } from '../features/quickbooks/components/ConnectQuickBooksButton';
import { useConfigurationsOverview } from '../features/configurations/hooks/useConfigurationsOverview';
import { CANCELLED_MESSAGE, REALM_IN_USE_MESSAGE } from '../features/quickbooks/oauthReturn';
import {
  connectWiseConnection,
  connectedQuickBooks,
  importMappingsMock,
  importSettings,
  lostQuickBooks,
  overviewAnswer,
  overviewMock,
  quickBooksConfiguration,
  status,
  type QuickBooksConfigurationAnswer,
} from '../test/fixtures';
import { graphQLError, renderPage } from '../test/render';
import { QuickBooksConfigurationPage } from './QuickBooksConfigurationPage';
import { mocked } from '../test/mocks';

type Config = QuickBooksConfigurationAnswer;
type Mock = MockLink.MockedResponse;

const one = (config: Config | null, id = config?.id ?? 'qb1') =>
  mocked({
    request: { query: QuickBooksConfigurationDocument, variables: { id } },
    result: { data: { quickBooksConfiguration: config } },
  });

/** The sidebar's list of configurations, read from the cache as the dashboard reads it. */
function ConfigurationNames() {
  const { data } = useConfigurationsOverview();
  return (
    <ul aria-label="Configurations">
      {data?.quickBooks.map((c) => (
        <li key={c.id}>{c.name}</li>
      ))}
    </ul>
  );
}

function renderConfiguration(
  config: Config | null,
  options: { search?: string; mocks?: Mock[]; cw?: boolean; overview?: Mock } = {},
) {
  const id = config?.id ?? 'qb1';
  const mocks = [
    one(config, id),
    options.overview ?? overviewMock(options.cw === false ? null : connectWiseConnection(), config ? [config] : []),
    ...(options.mocks ?? []),
    // A connected company shows its mappings; tests about them bring their own answers first.
    importMappingsMock(importSettings({ configurationId: id })),
  ];
  return renderPage(<QuickBooksConfigurationPage />, {
    url: `/quickbooks/${id}${options.search ?? ''}`,
    path: '/quickbooks/:id',
    mocks,
    routes: (
      <Route
        path="/"
        element={
          <>
            <p>Dashboard home</p>
            <ConfigurationNames />
          </>
        }
      />
    ),
  });
}

describe('QuickBooksConfigurationPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says a new configuration is not connected yet and sends the browser to Intuit', async () => {
    const assign = jest.spyOn(redirect, 'assign').mockImplementation(() => undefined);
    const begin = mocked({
      request: { query: BeginQuickBooksAuthDocument, variables: { configurationId: 'qb1' } },
      result: {
        data: {
          beginQuickBooksAuth: {
            __typename: 'QuickBooksAuthorization',
            authorizationUrl: 'http://127.0.0.1:4103/connect/oauth2?state=abc',
          },
        },
      },
    });
    renderConfiguration(quickBooksConfiguration(), { mocks: [begin] });

    expect(await screen.findByRole('heading', { name: 'Default', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Not connected yet')).toBeInTheDocument();
    expect(screen.getAllByText('Not connected').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Rename' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Connect to QuickBooks' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://127.0.0.1:4103/connect/oauth2?state=abc'));
  });

  it('shows the lost-connection flash message word for word, with the reason', async () => {
    renderConfiguration(lostQuickBooks('Default'));

    const flash = await screen.findByRole('alert');
    expect(flash).toHaveTextContent('Your Default connection to QuickBooks Online has been lost. Please reconnect.');
    expect(flash).toHaveTextContent('Intuit no longer accepts the authorization.');
    expect(screen.getByText('Connection lost')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connect to QuickBooks' })).toBeInTheDocument();
  });

  it.each([
    ['ACCESS_DENIED', CANCELLED_MESSAGE],
    ['QUICKBOOKS_REALM_IN_USE', REALM_IN_USE_MESSAGE],
    ['INVALID_STATE', 'Click Connect to QuickBooks to start again.'],
    ['QUICKBOOKS_CONNECT_FAILED', 'Mobius could not complete the connection with Intuit.'],
    ['DISCONNECTED_IN_QUICKBOOKS', 'Mobius was disconnected from this company inside QuickBooks Online'],
  ])('turns ?error=%s into a message and takes it out of the address', async (code, message) => {
    renderConfiguration(quickBooksConfiguration(), { search: `?error=${code}` });

    expect(await screen.findByText(message, { exact: false })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/quickbooks\/qb1$/));
    expect(screen.getByText(message, { exact: false })).toBeInTheDocument();
  });

  it.each([
    ['Northwind', '“Northwind”'],
    // A name is whatever the person typed: it shows as text, never as markup.
    ['<img src=x onerror=alert(1)> & Co', '“<img src=x onerror=alert(1)> & Co”'],
  ])('names the configuration that holds the company (%s), with a link to it', async (holderName, quoted) => {
    const holder = connectedQuickBooks({ id: 'qb-holder', name: holderName, isDefault: false });
    const config = quickBooksConfiguration({ id: 'qb2', name: 'West Coast LLC', isDefault: false });
    renderPage(<QuickBooksConfigurationPage />, {
      url: '/quickbooks/qb2?error=QUICKBOOKS_REALM_IN_USE&heldBy=qb-holder',
      path: '/quickbooks/:id',
      mocks: [one(config), overviewMock(connectWiseConnection(), [holder, config])],
    });

    const alert = await screen.findByRole('alert', { name: 'Company already connected' });
    expect(alert).toHaveTextContent(
      `This QuickBooks company is already connected to your configuration ${quoted}. Disconnect it there first, or choose another company.`,
    );
    expect(alert.querySelector('img')).toBeNull();
    expect(within(alert).getByRole('link', { name: `Open ${holderName}` })).toHaveAttribute(
      'href',
      '/quickbooks/qb-holder',
    );
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/quickbooks\/qb2$/));
  });

  it.each([
    ['an id of no configuration of the account', '&heldBy=qb-gone'],
    ['an id that is not one', '&heldBy=%3Cb%3Ex%3C%2Fb%3E'],
  ])('falls back to "another configuration" for %s', async (_label, heldBy) => {
    renderConfiguration(quickBooksConfiguration(), { search: `?error=QUICKBOOKS_REALM_IN_USE${heldBy}` });

    const alert = await screen.findByRole('alert', { name: 'Company already connected' });
    expect(alert).toHaveTextContent(REALM_IN_USE_MESSAGE);
    expect(within(alert).queryByRole('link')).not.toBeInTheDocument();
  });

  it('welcomes ?connected=1 with the company it now imports into', async () => {
    renderConfiguration(connectedQuickBooks(), { search: '?connected=1' });

    expect(await screen.findByText('Connected to QuickBooks Online')).toBeInTheDocument();
    expect(screen.getByText(/import your ConnectWise PSA invoices into Sandbox Company US 1/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sandbox Company US 1' })).toBeInTheDocument();
    expect(screen.getByText('Connected')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/quickbooks\/qb1$/));
  });

  it('shows the reconnect deadline of an expiring connection', async () => {
    const expiring = connectedQuickBooks({
      connectionStatus: status('EXPIRING', 'Reconnect Default to QuickBooks Online by March 3, 2026.', {
        reconnectBy: '2026-03-03T12:00:00.000Z',
      }),
    });
    renderConfiguration(expiring);

    expect(await screen.findByText(/^Reconnect by /)).toBeInTheDocument();
    expect(screen.getByText('Reconnect Default to QuickBooks Online by March 3, 2026.')).toBeInTheDocument();
    // The date in a sentence: what happens then, and the emails before it.
    const explained = screen.getByTestId('reconnect-explained');
    expect(explained).toHaveTextContent(/On Mar 3, 2026, this connection stops: it reads Connection lost/);
    expect(explained).toHaveTextContent('Mobius emails you two weeks before, and again three days before.');
    expect(screen.getByRole('button', { name: 'Connect to QuickBooks' })).toBeInTheDocument();
  });

  it('checks a connection and disconnects it after confirming', async () => {
    const connected = connectedQuickBooks();
    const check = mocked({
      request: { query: CheckQuickBooksConnectionDocument, variables: { configurationId: 'qb1' } },
      result: jest.fn(() => ({ data: { checkQuickBooksConnection: lostQuickBooks('Default') } })),
    });
    const disconnect = mocked({
      request: { query: DisconnectQuickBooksDocument, variables: { configurationId: 'qb1' } },
      result: jest.fn(() => ({
        data: {
          disconnectQuickBooks: quickBooksConfiguration({
            connectionStatus: status('NOT_CONNECTED', 'Disconnected — connect again to import'),
          }),
        },
      })),
    });
    renderConfiguration(connected, { mocks: [check, disconnect] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Check connection' }));
    expect(
      await screen.findByText('Your Default connection to QuickBooks Online has been lost. Please reconnect.'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disconnect Default from QuickBooks Online?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    // The server words a disconnected configuration apart from one never connected (quickbooks-status.ts).
    expect(await screen.findByText('Disconnected — connect again to import')).toBeInTheDocument();
    expect(screen.queryByText('Not connected yet')).not.toBeInTheDocument();
    expect(disconnect.result).toHaveBeenCalledTimes(1);
  });

  it('renames and deletes a configuration other than Default', async () => {
    const second = quickBooksConfiguration({ id: 'qb2', name: 'Second Co', isDefault: false });
    const rename = mocked({
      request: { query: RenameQuickBooksCompanyDocument, variables: { id: 'qb2', name: 'Taken' } },
      result: graphQLError('You already have a QuickBooks Online company named "Taken". Choose another name.', {
        code: 'BAD_USER_INPUT',
        field: 'name',
      }),
    });
    const rename2 = mocked({
      request: { query: RenameQuickBooksCompanyDocument, variables: { id: 'qb2', name: 'West Coast LLC' } },
      result: { data: { renameQuickBooksCompany: { ...second, name: 'West Coast LLC' } } },
    });
    const remove = mocked({
      request: { query: DeleteQuickBooksCompanyDocument, variables: { id: 'qb2' } },
      result: jest.fn(() => ({ data: { deleteQuickBooksCompany: true } })),
    });
    // Asked once: the deleted configuration leaves the list from the cache, without asking the server again.
    const overview = mocked({
      request: { query: ConfigurationsOverviewDocument },
      result: jest.fn(() => overviewAnswer(connectWiseConnection(), [quickBooksConfiguration(), second])),
    });
    renderConfiguration(second, { mocks: [rename, rename2, remove], overview });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const nameField = await screen.findByLabelText('Company name');
    await user.clear(nameField);
    await user.type(nameField, 'Taken{Enter}');
    await waitFor(() =>
      expect(screen.getByLabelText('Company name')).toHaveAccessibleDescription(
        expect.stringContaining('already have a QuickBooks Online company named "Taken"'),
      ),
    );
    await user.clear(screen.getByLabelText('Company name'));
    await user.type(screen.getByLabelText('Company name'), 'West Coast LLC{Enter}');
    expect(await screen.findByRole('heading', { name: 'West Coast LLC', level: 1 })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete West Coast LLC?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete West Coast LLC' }));

    expect(await screen.findByText('Dashboard home')).toBeInTheDocument();
    expect(remove.result).toHaveBeenCalledTimes(1);
    const names = screen.getByRole('list', { name: 'Configurations' });
    await waitFor(() => expect(within(names).getByText('Default')).toBeInTheDocument());
    expect(within(names).queryByText('West Coast LLC')).not.toBeInTheDocument();
    expect(overview.result).toHaveBeenCalledTimes(1);
  });

  it('keeps Connect to QuickBooks unavailable until ConnectWise PSA is connected', async () => {
    renderConfiguration(quickBooksConfiguration(), { cw: false });

    const button = await screen.findByRole('button', { name: 'Connect to QuickBooks' });
    await waitFor(() => expect(button).toHaveAttribute('aria-disabled', 'true'));
    expect(button).toHaveAccessibleDescription('Configure ConnectWise PSA first');
    expect(screen.getByText('ConnectWise PSA comes first')).toBeInTheDocument();
  });

  it('says when a configuration does not exist', async () => {
    renderConfiguration(null);
    expect(await screen.findByRole('heading', { name: 'Configuration not found' })).toBeInTheDocument();
  });

  describe('mappings', () => {
    it('loads the mappings of a connected company and saves them', async () => {
      const saved = importSettings({ incomeAccountId: '80', autoSyncMinutes: 60, markExported: true });
      const save = mocked({
        request: {
          query: SaveImportSettingsDocument,
          variables: {
            input: {
              configurationId: 'qb1',
              incomeAccountId: '80',
              taxableTaxCode: 'TAX',
              nonTaxableTaxCode: 'NON',
              appendAccountNumber: false,
              markExported: true,
              autoSyncMinutes: 60,
            },
          },
        },
        result: jest.fn(() => ({ data: { saveImportSettings: saved } })),
      });
      renderConfiguration(connectedQuickBooks(), {
        mocks: [
          importMappingsMock(
            importSettings({
              lastAutoSyncAt: '2026-01-06T09:00:00.000Z',
              nextAutoSyncAt: '2026-01-06T10:00:00.000Z',
            }),
          ),
          save,
        ],
      });
      const user = userEvent.setup();

      const form = await screen.findByRole('form', { name: 'Import mappings' });
      expect(within(form).getByRole('combobox', { name: /Income account/ })).toHaveValue('Default (Services)');
      expect(within(form).getByRole('combobox', { name: 'Tax code for taxable lines' })).toHaveValue('TAX');
      expect(within(form).getByRole('radio', { name: 'Off' })).toBeChecked();
      expect(within(form).getByText(/Last AutoSync: .*Next AutoSync: /)).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Import invoices' })).toHaveAttribute('href', '/quickbooks/qb1/import');

      await user.click(within(form).getByRole('combobox', { name: /Income account/ }));
      await user.click(await screen.findByRole('option', { name: 'Sales of Product Income', hidden: true }));
      await user.click(within(form).getByRole('switch', { name: /Mark invoices as exported in ConnectWise PSA/ }));
      await user.click(within(form).getByRole('radio', { name: 'Every 60 minutes' }));
      await user.click(within(form).getByRole('button', { name: 'Save mappings' }));

      await waitFor(() => expect(save.result).toHaveBeenCalledTimes(1));
    });

    it('shows what QuickBooks refused next to the field', async () => {
      const save = mocked({
        request: { query: SaveImportSettingsDocument, variables: () => true },
        result: graphQLError(
          'The tax code for taxable lines no longer exists (or is inactive) in QuickBooks Online. Choose another one in the mappings.',
          { code: 'BAD_USER_INPUT', field: 'taxableTaxCode' },
        ),
      });
      renderConfiguration(connectedQuickBooks(), { mocks: [importMappingsMock(), save] });
      const user = userEvent.setup();

      const form = await screen.findByRole('form', { name: 'Import mappings' });
      await user.click(within(form).getByRole('button', { name: 'Save mappings' }));

      const taxable = within(form).getByRole('combobox', { name: 'Tax code for taxable lines' });
      await waitFor(() =>
        expect(taxable).toHaveAccessibleDescription(expect.stringContaining('no longer exists (or is inactive)')),
      );
      expect(taxable).toHaveAttribute('aria-invalid', 'true');
      expect(within(form).getByRole('combobox', { name: 'Tax code for non-taxable lines' })).not.toHaveAttribute(
        'aria-invalid',
        'true',
      );
    });

    it('says when QuickBooks Online cannot be reached, and tries again', async () => {
      const unavailable = mocked({
        request: { query: ImportMappingsDocument, variables: { configurationId: 'qb1' } },
        result: graphQLError('QuickBooks Online is not answering right now. Try again in a few minutes.', {
          code: 'QUICKBOOKS_UNAVAILABLE',
        }),
      });
      renderConfiguration(connectedQuickBooks(), { mocks: [unavailable, importMappingsMock()] });
      const user = userEvent.setup();

      expect(await screen.findByRole('heading', { name: 'The mappings could not load' })).toBeInTheDocument();
      expect(
        screen.getByText('QuickBooks Online is not answering right now. Try again in a few minutes.'),
      ).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('form', { name: 'Import mappings' })).toBeInTheDocument();
    });

    it('is not offered before the company is connected', async () => {
      renderConfiguration(quickBooksConfiguration());
      expect(await screen.findByText('Not connected yet')).toBeInTheDocument();
      expect(screen.queryByRole('heading', { name: 'Import mappings' })).not.toBeInTheDocument();
    });
  });
});
