import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UpdateProfileDocument } from '../../../generated/graphql';
import { graphQLError, renderPage } from '../../../test/render';
import { ProfileSection } from './ProfileForm';
import { mocked } from '../../../test/mocks';

const account = { id: 'a1', email: 'dana@northwind-msp.test', name: 'Dana', companyName: null };

function saved(name: string | null, companyName: string | null) {
  return {
    data: {
      updateProfile: { __typename: 'Account', ...account, emailVerified: true, name, companyName },
    },
  };
}

describe('ProfileSection', () => {
  it('shows the address and the profile, saves the trimmed name and company and says so', async () => {
    const update = jest.fn(() => saved('Dana Whitfield', 'Northwind MSP'));
    renderPage(<ProfileSection account={account} />, {
      url: '/settings',
      mocks: [
        mocked({
          request: {
            query: UpdateProfileDocument,
            variables: { input: { name: 'Dana Whitfield', companyName: 'Northwind MSP' } },
          },
          result: update,
        }),
      ],
    });
    const user = userEvent.setup();

    expect(screen.getByRole('heading', { name: 'Profile' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email Address')).toHaveValue('dana@northwind-msp.test');
    expect(screen.getByLabelText('Email Address')).toHaveAttribute('readonly');
    const name = screen.getByLabelText('Your name');
    expect(name).toHaveValue('Dana');
    expect(name).toHaveAttribute('autocomplete', 'name');
    expect(screen.getByLabelText('Company name')).toHaveValue('');

    await user.type(name, ' Whitfield ');
    await user.type(screen.getByLabelText('Company name'), 'Northwind MSP');
    await user.keyboard('{Enter}');

    expect(await screen.findByText('Your profile was saved.')).toBeInTheDocument();
    expect(update).toHaveBeenCalledTimes(1);
    // The form shows what was saved (trimmed).
    expect(name).toHaveValue('Dana Whitfield');
    expect(screen.getByLabelText('Company name')).toHaveFocus();
    // Typing again hides the old confirmation.
    await user.type(screen.getByLabelText('Your name'), 'x');
    expect(screen.queryByText('Your profile was saved.')).not.toBeInTheDocument();
  });

  it('sends a cleared field as null', async () => {
    const update = jest.fn(() => saved(null, null));
    renderPage(<ProfileSection account={account} />, {
      url: '/settings',
      mocks: [
        mocked({
          request: { query: UpdateProfileDocument, variables: { input: { name: null, companyName: null } } },
          result: update,
        }),
      ],
    });
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Your name'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Your profile was saved.')).toBeInTheDocument();
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('puts what the API refuses next to its field, and a failure of the network above the form', async () => {
    renderPage(<ProfileSection account={account} />, {
      url: '/settings',
      mocks: [
        mocked({
          request: {
            query: UpdateProfileDocument,
            variables: { input: { name: 'Dana', companyName: 'Acme\u202eCSM' } },
          },
          result: graphQLError('Company name cannot contain control characters or line breaks.', {
            code: 'BAD_USER_INPUT',
            field: 'companyName',
          }),
        }),
        mocked({
          request: { query: UpdateProfileDocument, variables: { input: { name: 'Dana', companyName: 'Acme' } } },
          error: new Error('offline'),
        }),
      ],
    });
    const user = userEvent.setup();
    const company = screen.getByLabelText('Company name');
    await user.type(company, 'Acme\u202eCSM');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(company).toHaveAccessibleDescription(
        expect.stringContaining('Company name cannot contain control characters or line breaks.'),
      ),
    );
    expect(company).toHaveFocus();
    expect(screen.queryByText('Your profile was saved.')).not.toBeInTheDocument();

    await user.clear(company);
    await user.type(company, 'Acme');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('We could not reach Mobius.');
  });

  it('refuses more than 100 characters before sending anything', async () => {
    renderPage(<ProfileSection account={account} />, { url: '/settings', mocks: [] });
    const user = userEvent.setup();
    const name = screen.getByLabelText('Your name');
    await user.clear(name);
    await user.click(name);
    await user.paste('😀'.repeat(101));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Your name can be at most 100 characters.'));
  });
});
