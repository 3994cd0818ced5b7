import { useApolloClient, useMutation } from '@apollo/client/react';
import {
  LoginDocument,
  LogoutDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  SignupDocument,
  VerifyEmailDocument,
  type LoginMutationVariables,
  type ResetPasswordMutationVariables,
  type SignupMutationVariables,
  type VerifyEmailMutationVariables,
} from '../../../generated/graphql';
import { hasCode } from '../../../app/errors';
import { rememberSignedIn } from './session';

/** Each hook returns a promise-returning action that rejects with the API's error for the form to place. */

export function useSignup() {
  const [mutate, { loading }] = useMutation(SignupDocument);
  const signup = async (variables: SignupMutationVariables) => {
    await mutate({ variables });
  };
  return { signup, loading };
}

export function useVerifyEmail() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(VerifyEmailDocument);
  const verifyEmail = async (variables: VerifyEmailMutationVariables) => {
    const { data } = await mutate({ variables });
    if (data) await rememberSignedIn(client, data.verifyEmail.account);
  };
  return { verifyEmail, loading };
}

export function useLogin() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(LoginDocument);
  const login = async (variables: LoginMutationVariables) => {
    const { data } = await mutate({ variables });
    if (data) await rememberSignedIn(client, data.login.account);
  };
  return { login, loading };
}

export function useRequestPasswordReset() {
  const [mutate, { loading }] = useMutation(RequestPasswordResetDocument);
  const requestPasswordReset = async (email: string) => {
    await mutate({ variables: { email } });
  };
  return { requestPasswordReset, loading };
}

export function useResetPassword() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(ResetPasswordDocument);
  const resetPassword = async (variables: ResetPasswordMutationVariables) => {
    const { data } = await mutate({ variables });
    if (data) await rememberSignedIn(client, data.resetPassword.account);
  };
  return { resetPassword, loading };
}

export function useLogout() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(LogoutDocument);
  const logout = async () => {
    try {
      await mutate();
    } catch (error) {
      // A session that already ended is as good as logged out.
      if (!hasCode(error, 'UNAUTHENTICATED')) throw error;
    }
  };
  /** Forgets every cached answer and asks the server again who is signed in (nobody). */
  const resetStore = () => client.resetStore().catch(() => undefined);
  return { logout, resetStore, loading };
}
