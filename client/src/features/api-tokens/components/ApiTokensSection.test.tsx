import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  type ApiTokenFieldsFragment,
} from '../../../generated/graphql';
import { graphQLError, renderPage } from '../../../test/render';
import { ApiTokensSection } from './ApiTokensSection';
import { mocked, type Answer } from '../../../test/mocks';

const TOKEN = 'mob_Sx3kP0q2v9Wm7YtR4uLz8aNcEd1fGh5jKb6oXi2QwZs';

function apiToken(overrides: Partial<Answer<ApiTokenFieldsFragment>> = {}): Answer<ApiTokenFieldsFragment> {
  return {
    __typename: 'ApiToken',
    id: 't1',
    name: 'Uptime monitor',
    tokenHint: 'mob_…wZs9',
    createdAt: '2026-01-05T10:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

const list = (tokens: ReturnType<typeof apiToken>[]) =>
  mocked({
    request: { query: ApiTokensDocument },
    result: { data: { apiTokens: tokens } },
  });

describe('ApiTokensSection', () => {
  it('explains read-only tokens, with an example request, when there are none', async () => {
    renderPage(<ApiTokensSection />, { url: '/settings', mocks: [list([])] });

    expect(await screen.findByText(/No API tokens yet/)).toBeInTheDocument();
    expect(screen.getByText(/Tokens are read-only/)).toBeInTheDocument();
    expect(screen.getByText(/Authorization: Bearer \$MOBIUS_API_TOKEN/)).toBeInTheDocument();
  });

  it('shows a new token once, then only its hint', async () => {
    const create = mocked({
      request: { query: CreateApiTokenDocument, variables: { name: 'PSA dashboard' } },
      result: {
        data: {
          createApiToken: {
            __typename: 'CreatedApiToken',
            token: TOKEN,
            apiToken: apiToken({ id: 't2', name: 'PSA dashboard', tokenHint: 'mob_…QwZs' }),
          },
        },
      },
    });
    renderPage(<ApiTokensSection />, { url: '/settings', mocks: [list([apiToken()]), create] });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Token name'), 'PSA dashboard');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const field = await screen.findByLabelText('New API token');
    expect(field).toHaveValue(TOKEN);
    expect(field).toHaveAttribute('readonly');
    expect(screen.getByText(/cannot show it again/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'API tokens' });
    expect(within(table).getByText('PSA dashboard')).toBeInTheDocument();
    // Once in its column, once under the name (shown on phones instead of the column).
    expect(within(table).getAllByText('mob_…QwZs')).toHaveLength(2);
    expect(screen.getByLabelText('Token name')).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Done, I copied it' }));
    expect(screen.queryByLabelText('New API token')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(TOKEN);
  });

  it('puts a refused name next to the field', async () => {
    const create = mocked({
      request: { query: CreateApiTokenDocument, variables: { name: 'Too many' } },
      result: graphQLError('An account can have at most 25 active API tokens: revoke one first.', {
        code: 'BAD_USER_INPUT',
        field: 'name',
      }),
    });
    renderPage(<ApiTokensSection />, { url: '/settings', mocks: [list([]), create] });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Token name'), 'Too many{Enter}');

    await waitFor(() =>
      expect(screen.getByLabelText('Token name')).toHaveAccessibleDescription(
        expect.stringContaining('at most 25 active API tokens'),
      ),
    );
  });

  it('revokes a token after confirming', async () => {
    const revoke = mocked({
      request: { query: RevokeApiTokenDocument, variables: { id: 't1' } },
      result: jest.fn(() => ({
        data: { revokeApiToken: apiToken({ revokedAt: '2026-01-06T09:00:00.000Z' }) },
      })),
    });
    renderPage(<ApiTokensSection />, {
      url: '/settings',
      mocks: [list([apiToken({ lastUsedAt: '2026-01-05T12:00:00.000Z' })]), revoke],
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Revoke Uptime monitor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “Uptime monitor”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    expect(await screen.findByText(/^Revoked /)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke Uptime monitor' })).not.toBeInTheDocument();
    expect(revoke.result).toHaveBeenCalledTimes(1);
  });
});
