import { useMutation } from '@apollo/client/react';
import {
  ChangePasswordDocument,
  SessionsDocument,
  UpdateProfileDocument,
  type ChangePasswordMutationVariables,
  type UpdateProfileInput,
} from '../../../generated/graphql';

/** Each hook returns a promise-returning action that rejects with the API's error for the form to place. */

/** Saves the name and company; the cached account (and so the header and the form) updates by its id. */
export function useUpdateProfile() {
  const [mutate, { loading }] = useMutation(UpdateProfileDocument);
  const updateProfile = async (input: UpdateProfileInput) => {
    await mutate({ variables: { input } });
  };
  return { updateProfile, loading };
}

/**
 * Changes the password. The server ends every other session and sets a new session cookie for this browser in
 * the same answer, so nothing here has to sign in again; the Sessions list is read again to show only this one.
 */
export function useChangePassword() {
  const [mutate, { loading }] = useMutation(ChangePasswordDocument);
  const changePassword = async (variables: ChangePasswordMutationVariables) => {
    await mutate({ variables, refetchQueries: [SessionsDocument] });
  };
  return { changePassword, loading };
}
