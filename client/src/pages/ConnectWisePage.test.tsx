import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import {
  CheckConnectWiseConnectionDocument,
  ConnectWiseConnectionDocument,
  DisconnectConnectWiseDocument,
  SaveConnectWiseDocument,
  type DisconnectConnectWiseMutation,
  type SaveConnectWiseMutation,
} from '../generated/graphql';
import { connectWiseConnection, overviewMock, quickBooksConfiguration } from '../test/fixtures';
import { graphQLError, renderPage } from '../test/render';
import { PRIVATE_KEY_TOO } from '../features/connectwise/problems';
import { CURRENT_PASSWORD_HINT } from '../features/connectwise/components/ConnectWiseForm';
import { ConnectWisePage } from './ConnectWisePage';
import { NEXT_LABEL } from '../features/connectwise/components/ConnectQuickBooksNext';
import { mocked, type Result } from '../test/mocks';

const input = {
  site: 'na.myconnectwise.net',
  companyId: 'acme',
  publicKey: 'PublicKey01',
  privateKey: 'PrivateKey-0123456789',
};

const connection = connectWiseConnection;

const saved = (connectWise: ReturnType<typeof connection> | null) =>
  mocked({
    request: { query: ConnectWiseConnectionDocument },
    result: { data: { me: { __typename: 'Account', id: '1', connectWise } } },
  });

function saveMock(result: () => Result<SaveConnectWiseMutation>, delay = 0) {
  return mocked({ request: { query: SaveConnectWiseDocument, variables: { input } }, result: jest.fn(result), delay });
}

async function fillAndSave(values = input) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Site'), values.site);
  await user.type(screen.getByLabelText('Company ID'), values.companyId);
  await user.type(screen.getByLabelText('Public Key'), values.publicKey);
  await user.type(screen.getByLabelText('Private Key'), values.privateKey);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  return user;
}

describe('ConnectWisePage', () => {
  afterEach(() => document.head.querySelectorAll('meta[name^="mobius-"]').forEach((m) => m.remove()));

  it('asks for Site, Company ID, Public Key and Private Key, with the setup guide open', async () => {
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null)] });

    expect(await screen.findByRole('heading', { name: 'ConnectWise PSA Configuration' })).toBeInTheDocument();
    expect(screen.getByLabelText('Site')).toHaveAttribute('placeholder', 'na.myconnectwise.net');
    expect(screen.getByLabelText('Site')).toHaveAccessibleDescription(expect.stringContaining('eu. or au.'));
    for (const label of ['Company ID', 'Public Key', 'Private Key']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
    expect(screen.getByText('System › Members › API Members')).toBeVisible();
    expect(screen.getByText('Accounting Interface')).toBeVisible();
    expect(screen.queryByText(/Demo mode/)).not.toBeInTheDocument();
    // The first connection needs no password: there is nothing to replace yet.
    expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument();
  });

  it('checks the fields are filled before calling ConnectWise PSA', async () => {
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null)] });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save' }));

    expect(screen.getByLabelText('Site')).toHaveFocus();
    expect(screen.getByLabelText('Private Key')).toHaveAccessibleDescription(
      expect.stringContaining('Enter the Private Key'),
    );
  });

  it.each([
    ['CONNECTWISE_SITE_UNREACHABLE', 'site', 'Site', 'Mobius could not reach na.myconnectwise.net.'],
    ['CONNECTWISE_COMPANY_NOT_FOUND', 'companyId', 'Company ID', 'ConnectWise PSA has no company "acme".'],
    ['BAD_USER_INPUT', 'site', 'Site', 'Enter only the host name, like na.myconnectwise.net.'],
  ])('shows %s next to the %s field', async (code, field, label, message) => {
    const mock = saveMock(() => graphQLError(message, { code, field }));
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock] });

    await fillAndSave();

    const input = screen.getByLabelText(label);
    await waitFor(() => expect(input).toHaveAccessibleDescription(expect.stringContaining(message)));
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('marks both keys when ConnectWise PSA refuses them', async () => {
    const message = 'ConnectWise PSA did not accept the Public Key and Private Key for company "acme" (HTTP 401).';
    const mock = saveMock(() => graphQLError(message, { code: 'CONNECTWISE_INVALID_KEYS', field: 'publicKey' }));
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock] });

    await fillAndSave();

    await waitFor(() =>
      expect(screen.getByLabelText('Public Key')).toHaveAccessibleDescription(expect.stringContaining(message)),
    );
    expect(screen.getByLabelText('Private Key')).toHaveAccessibleDescription(expect.stringContaining(PRIVATE_KEY_TOO));
  });

  it('names the missing Finance right next to the keys and opens the guide', async () => {
    const message =
      'The API member for these keys is not allowed to do this (HTTP 403). Check its security role’s Finance › Accounting Interface and Companies rights in ConnectWise PSA.';
    const mock = saveMock(() => graphQLError(message, { code: 'CONNECTWISE_MISSING_PERMISSIONS', field: 'publicKey' }));
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock] });
    const user = userEvent.setup();
    // Close the guide first, to see the error open it again.
    await user.click(await screen.findByRole('button', { name: /Setting up the API member/ }));
    await waitFor(() => expect(screen.getByText('System › Members › API Members')).not.toBeVisible());

    await fillAndSave();

    await waitFor(() =>
      expect(screen.getByLabelText('Public Key')).toHaveAccessibleDescription(
        expect.stringContaining('Finance › Accounting Interface'),
      ),
    );
    await waitFor(() => expect(screen.getByText('System › Members › API Members')).toBeVisible());
  });

  it('shows a rate limit above the form', async () => {
    const mock = saveMock(() =>
      graphQLError('Too many connection attempts. Please try again in 4 minutes.', { code: 'RATE_LIMITED' }),
    );
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock] });

    await fillAndSave();

    expect(await screen.findByRole('alert')).toHaveTextContent('Please try again in 4 minutes.');
  });

  it('shows that ConnectWise PSA is validating, then the connected company without the private key', async () => {
    const mock = saveMock(() => ({ data: { saveConnectWise: connection() } }), 150);
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock, overviewMock(connection())] });

    await fillAndSave();

    expect(await screen.findByText(/Validating with ConnectWise PSA…/)).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'ConnectWise PSA connection' })).toHaveAttribute('aria-busy', 'true');

    expect(await screen.findByRole('heading', { name: 'Acme Managed Services' })).toBeInTheDocument();
    expect(screen.getByText('Connected')).toBeInTheDocument();
    const summary = screen.getByRole('table', { name: 'Saved connection' });
    expect(within(summary).getByText('v2025_1/')).toBeInTheDocument();
    expect(within(summary).getByText('••••6789')).toBeInTheDocument();
    expect(within(summary).getByText('na.myconnectwise.net')).toBeInTheDocument();
    expect(within(summary).getByText('PublicKey01')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(input.privateKey);
    expect(screen.queryByLabelText('Private Key')).not.toBeInTheDocument();
    expect(mock.result).toHaveBeenCalledTimes(1);
  });

  it('prefills the saved connection for editing, never the private key', async () => {
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(connection())] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Edit connection' }));

    expect(screen.getByLabelText('Site')).toHaveValue('na.myconnectwise.net');
    expect(screen.getByLabelText('Company ID')).toHaveValue('acme');
    expect(screen.getByLabelText('Public Key')).toHaveValue('PublicKey01');
    const privateKey = screen.getByLabelText('Private Key');
    expect(privateKey).toHaveValue('');
    expect(privateKey).toHaveAccessibleDescription('Enter the private key again to replace the saved keys');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByLabelText('Site')).not.toBeInTheDocument();
  });

  it('asks for the current password to replace a saved connection, and sends it with the new keys', async () => {
    const replacement = { ...input, privateKey: 'NewPrivateKey-9876543210', currentPassword: 'My Mobius passphrase 1' };
    const mock = mocked({
      request: { query: SaveConnectWiseDocument, variables: { input: replacement } },
      result: jest.fn(() => ({ data: { saveConnectWise: connection() } })),
    });
    renderPage(<ConnectWisePage />, {
      url: '/connectwise',
      mocks: [saved(connection()), mock, overviewMock(connection())],
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit connection' }));

    const password = screen.getByLabelText('Current password');
    expect(password).toHaveAttribute('autocomplete', 'current-password');
    expect(password).toHaveAccessibleDescription(CURRENT_PASSWORD_HINT);
    await user.type(screen.getByLabelText('Private Key'), replacement.privateKey);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Enter your current password'));
    expect(password).toHaveFocus();

    await user.type(password, replacement.currentPassword);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mock.result).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument());
  });

  it('shows a wrong current password next to its field', async () => {
    const replacement = { ...input, privateKey: 'NewPrivateKey-9876543210', currentPassword: 'Not my password 12' };
    const mock = mocked({
      request: { query: SaveConnectWiseDocument, variables: { input: replacement } },
      result: jest.fn(() =>
        graphQLError('The current password is incorrect.', { code: 'BAD_USER_INPUT', field: 'currentPassword' }),
      ),
    });
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(connection()), mock] });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit connection' }));
    await user.type(screen.getByLabelText('Private Key'), replacement.privateKey);
    await user.type(screen.getByLabelText('Current password'), replacement.currentPassword);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const password = screen.getByLabelText('Current password');
    await waitFor(() =>
      expect(password).toHaveAccessibleDescription(expect.stringContaining('The current password is incorrect.')),
    );
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveFocus();
  });

  it('shows a lost connection prominently, with what to do and the form open', async () => {
    const message = 'ConnectWise PSA did not accept the Public Key and Private Key for company "acme" (HTTP 401).';
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(connection('LOST', message))] });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Mobius can no longer connect to ConnectWise PSA');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveTextContent('API Keys tab');
    expect(screen.getByText('Connection lost')).toBeInTheDocument();
    expect(screen.getByLabelText('Private Key')).toHaveAccessibleDescription(
      'Enter the private key again to replace the saved keys',
    );
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('checks the connection now on request', async () => {
    const check = mocked({
      request: { query: CheckConnectWiseConnectionDocument, variables: { force: true } },
      result: jest.fn(() => ({
        data: { checkConnectWiseConnection: connection('LOST', 'The API member is inactive.') },
      })),
    });
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(connection()), check] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Check now' }));

    expect(await screen.findByText('Connection lost')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The API member is inactive.');
    expect(check.result).toHaveBeenCalledTimes(1);
  });

  it('offers the demo credentials in demo mode', async () => {
    const meta = document.createElement('meta');
    meta.name = 'mobius-mailbox-url';
    meta.content = 'http://localhost:4101/';
    document.head.append(meta);
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null)] });
    const user = userEvent.setup();

    const demo = await screen.findByRole('table', { name: 'Demo credentials' });
    expect(demo).toHaveTextContent('http://127.0.0.1:4102');
    expect(demo).toHaveTextContent('mobius_demo');
    await user.click(screen.getByRole('button', { name: 'Fill in demo credentials' }));

    expect(screen.getByLabelText('Site')).toHaveValue('http://127.0.0.1:4102');
    expect(screen.getByLabelText('Company ID')).toHaveValue('mobius_demo');
    expect(screen.getByLabelText('Public Key')).toHaveValue('DemoPublicKey01');
    expect(screen.getByLabelText('Private Key')).toHaveValue('DemoPrivateKey-0123456789');
  });

  it('takes the host of an address pasted from the browser bar, says so, and saves it', async () => {
    const mock = saveMock(() => ({ data: { saveConnectWise: connection() } }));
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock, overviewMock(connection())] });
    const user = userEvent.setup();

    await user.type(
      await screen.findByLabelText('Site'),
      'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US',
    );
    await user.tab();

    expect(screen.getByLabelText('Site')).toHaveValue('na.myconnectwise.net');
    expect(screen.getByText(/Mobius uses the host name from the address you pasted/)).toHaveTextContent(
      'na.myconnectwise.net',
    );
    await user.type(screen.getByLabelText('Company ID'), input.companyId);
    await user.type(screen.getByLabelText('Public Key'), input.publicKey);
    await user.type(screen.getByLabelText('Private Key'), input.privateKey);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    // The mock answers only the host: the pasted address itself is never sent.
    await waitFor(() => expect(mock.result).toHaveBeenCalledTimes(1));
  });

  it('reduces a pasted address on Save too, without a blur', async () => {
    const mock = saveMock(() => ({ data: { saveConnectWise: connection() } }));
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock, overviewMock(connection())] });

    await fillAndSave({ ...input, site: 'https://NA.myconnectwise.net/v4_6_release/ConnectWise.aspx#x' });

    await waitFor(() => expect(mock.result).toHaveBeenCalledTimes(1));
  });

  it('after a save, scrolls the connected summary into view and offers connecting QuickBooks Online next', async () => {
    const scroll = jest.spyOn(window.HTMLElement.prototype, 'scrollIntoView');
    const mock = saveMock(() => ({ data: { saveConnectWise: connection() } }));
    renderPage(<ConnectWisePage />, {
      url: '/connectwise',
      mocks: [saved(null), mock, overviewMock(connection(), [quickBooksConfiguration({ id: 'qb-default' })])],
      routes: <Route path="/quickbooks/:id" element={<p>QuickBooks configuration</p>} />,
    });
    // Nothing is offered before a save.
    expect(await screen.findByLabelText('Site')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: NEXT_LABEL })).not.toBeInTheDocument();

    const user = await fillAndSave();

    const next = await screen.findByRole('link', { name: NEXT_LABEL });
    expect(screen.getByRole('table', { name: 'Saved connection' })).toBeInTheDocument();
    const card = screen.getByRole('region', { name: 'Connection' });
    expect(scroll.mock.contexts).toContain(card);
    await waitFor(() => expect(next).toHaveAttribute('href', '/quickbooks/qb-default'));
    await user.click(next);
    expect(screen.getByTestId('location')).toHaveTextContent('/quickbooks/qb-default');
    expect(screen.getByText('QuickBooks configuration')).toBeInTheDocument();
    scroll.mockRestore();
  });

  it('sends the Next button to the dashboard while the QuickBooks Online configurations are unknown', async () => {
    const mock = saveMock(() => ({ data: { saveConnectWise: connection() } }));
    const failing = { request: overviewMock(null).request, error: new Error('offline') };
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(null), mock, failing] });

    await fillAndSave();

    expect(await screen.findByRole('link', { name: NEXT_LABEL })).toHaveAttribute('href', '/');
  });

  describe('Disconnect ConnectWise', () => {
    const disconnectMock = (currentPassword: string, result: () => Result<DisconnectConnectWiseMutation>) =>
      mocked({
        request: { query: DisconnectConnectWiseDocument, variables: { currentPassword } },
        result: jest.fn(result),
      });

    it('says what it means, asks for the current password, then shows ConnectWise PSA as not connected', async () => {
      const mock = disconnectMock('My Mobius passphrase 1', () => ({ data: { disconnectConnectWise: true } }));
      renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(connection()), mock] });
      const user = userEvent.setup();

      await user.click(await screen.findByRole('button', { name: 'Disconnect ConnectWise' }));
      const dialog = await screen.findByRole('dialog', { name: 'Disconnect ConnectWise PSA?' });
      expect(dialog).toHaveTextContent('Mobius forgets the site, Company ID and API keys of Acme Managed Services');
      expect(dialog).toHaveTextContent('Imports stop, AutoSync included, until you connect ConnectWise PSA again');
      expect(dialog).toHaveTextContent('Your QuickBooks Online connections stay as they are');

      await user.click(within(dialog).getByRole('button', { name: 'Disconnect ConnectWise' }));
      const password = within(dialog).getByLabelText('Current password');
      expect(password).toHaveAccessibleDescription(expect.stringContaining('Enter your current password'));
      expect(mock.result).not.toHaveBeenCalled();

      await user.type(password, 'My Mobius passphrase 1{Enter}');

      expect(await screen.findByRole('heading', { name: 'Connect your ConnectWise PSA company' })).toBeInTheDocument();
      expect(screen.queryByRole('table', { name: 'Saved connection' })).not.toBeInTheDocument();
      expect(screen.getByLabelText('Site')).toHaveValue('');
      expect(mock.result).toHaveBeenCalledTimes(1);
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    });

    it('shows a wrong password next to its field and keeps the connection', async () => {
      const mock = disconnectMock('Not my password 12', () =>
        graphQLError('The current password is incorrect.', { code: 'BAD_USER_INPUT', field: 'currentPassword' }),
      );
      renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(connection()), mock] });
      const user = userEvent.setup();

      await user.click(await screen.findByRole('button', { name: 'Disconnect ConnectWise' }));
      const dialog = await screen.findByRole('dialog', { name: 'Disconnect ConnectWise PSA?' });
      await user.type(within(dialog).getByLabelText('Current password'), 'Not my password 12');
      await user.click(within(dialog).getByRole('button', { name: 'Disconnect ConnectWise' }));

      await waitFor(() =>
        expect(within(dialog).getByLabelText('Current password')).toHaveAccessibleDescription(
          expect.stringContaining('The current password is incorrect.'),
        ),
      );
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(screen.getByRole('table', { name: 'Saved connection' })).toBeInTheDocument();
    });
  });

  it('points to where invoices are marked as exported: the Import mappings', async () => {
    renderPage(<ConnectWisePage />, { url: '/connectwise', mocks: [saved(connection())] });

    expect(await screen.findByText(/Marks invoices as exported after each import/)).toHaveTextContent(
      '“Mark invoices as exported in ConnectWise PSA” is on in the Import mappings',
    );
  });
});
