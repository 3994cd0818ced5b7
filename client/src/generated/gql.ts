/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment CurrentAccount on Account {\n  id\n  email\n  emailVerified\n  name\n  companyName\n}\n\nquery Me {\n  me {\n    ...CurrentAccount\n  }\n}": typeof types.CurrentAccountFragmentDoc,
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($token: String!, $password: String!, $passwordConfirmation: String!) {\n  resetPassword(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}": typeof types.RequestPasswordResetDocument,
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}": typeof types.LoginDocument,
    "mutation Signup($email: String!, $name: String, $companyName: String) {\n  signup(email: $email, name: $name, companyName: $companyName)\n}\n\nmutation VerifyEmail($token: String!, $password: String!, $passwordConfirmation: String!) {\n  verifyEmail(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}": typeof types.SignupDocument,
    "query ConfigurationsOverview {\n  me {\n    id\n    connectWise {\n      id\n      companyName\n      status {\n        state\n        message\n        checkedAt\n        reconnectBy\n      }\n    }\n  }\n}": typeof types.ConfigurationsOverviewDocument,
    "fragment ConnectWiseConnectionFields on ConnectWiseConnection {\n  id\n  site\n  companyId\n  publicKey\n  privateKeyHint\n  companyName\n  codebase\n  validatedAt\n  status {\n    state\n    message\n    checkedAt\n    reconnectBy\n  }\n}\n\nquery ConnectWiseConnection {\n  me {\n    id\n    connectWise {\n      ...ConnectWiseConnectionFields\n    }\n  }\n}\n\nmutation SaveConnectWise($input: ConnectWiseInput!) {\n  saveConnectWise(input: $input) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nmutation CheckConnectWiseConnection($force: Boolean!) {\n  checkConnectWiseConnection(force: $force) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nquery CachedAccountId {\n  me {\n    id\n  }\n}": typeof types.ConnectWiseConnectionFieldsFragmentDoc,
};
const documents: Documents = {
    "fragment CurrentAccount on Account {\n  id\n  email\n  emailVerified\n  name\n  companyName\n}\n\nquery Me {\n  me {\n    ...CurrentAccount\n  }\n}": types.CurrentAccountFragmentDoc,
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($token: String!, $password: String!, $passwordConfirmation: String!) {\n  resetPassword(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}": types.RequestPasswordResetDocument,
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}": types.LoginDocument,
    "mutation Signup($email: String!, $name: String, $companyName: String) {\n  signup(email: $email, name: $name, companyName: $companyName)\n}\n\nmutation VerifyEmail($token: String!, $password: String!, $passwordConfirmation: String!) {\n  verifyEmail(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}": types.SignupDocument,
    "query ConfigurationsOverview {\n  me {\n    id\n    connectWise {\n      id\n      companyName\n      status {\n        state\n        message\n        checkedAt\n        reconnectBy\n      }\n    }\n  }\n}": types.ConfigurationsOverviewDocument,
    "fragment ConnectWiseConnectionFields on ConnectWiseConnection {\n  id\n  site\n  companyId\n  publicKey\n  privateKeyHint\n  companyName\n  codebase\n  validatedAt\n  status {\n    state\n    message\n    checkedAt\n    reconnectBy\n  }\n}\n\nquery ConnectWiseConnection {\n  me {\n    id\n    connectWise {\n      ...ConnectWiseConnectionFields\n    }\n  }\n}\n\nmutation SaveConnectWise($input: ConnectWiseInput!) {\n  saveConnectWise(input: $input) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nmutation CheckConnectWiseConnection($force: Boolean!) {\n  checkConnectWiseConnection(force: $force) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nquery CachedAccountId {\n  me {\n    id\n  }\n}": types.ConnectWiseConnectionFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CurrentAccount on Account {\n  id\n  email\n  emailVerified\n  name\n  companyName\n}\n\nquery Me {\n  me {\n    ...CurrentAccount\n  }\n}"): (typeof documents)["fragment CurrentAccount on Account {\n  id\n  email\n  emailVerified\n  name\n  companyName\n}\n\nquery Me {\n  me {\n    ...CurrentAccount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($token: String!, $password: String!, $passwordConfirmation: String!) {\n  resetPassword(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}"): (typeof documents)["mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($token: String!, $password: String!, $passwordConfirmation: String!) {\n  resetPassword(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}"): (typeof documents)["mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Signup($email: String!, $name: String, $companyName: String) {\n  signup(email: $email, name: $name, companyName: $companyName)\n}\n\nmutation VerifyEmail($token: String!, $password: String!, $passwordConfirmation: String!) {\n  verifyEmail(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}"): (typeof documents)["mutation Signup($email: String!, $name: String, $companyName: String) {\n  signup(email: $email, name: $name, companyName: $companyName)\n}\n\nmutation VerifyEmail($token: String!, $password: String!, $passwordConfirmation: String!) {\n  verifyEmail(\n    token: $token\n    password: $password\n    passwordConfirmation: $passwordConfirmation\n  ) {\n    account {\n      ...CurrentAccount\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConfigurationsOverview {\n  me {\n    id\n    connectWise {\n      id\n      companyName\n      status {\n        state\n        message\n        checkedAt\n        reconnectBy\n      }\n    }\n  }\n}"): (typeof documents)["query ConfigurationsOverview {\n  me {\n    id\n    connectWise {\n      id\n      companyName\n      status {\n        state\n        message\n        checkedAt\n        reconnectBy\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ConnectWiseConnectionFields on ConnectWiseConnection {\n  id\n  site\n  companyId\n  publicKey\n  privateKeyHint\n  companyName\n  codebase\n  validatedAt\n  status {\n    state\n    message\n    checkedAt\n    reconnectBy\n  }\n}\n\nquery ConnectWiseConnection {\n  me {\n    id\n    connectWise {\n      ...ConnectWiseConnectionFields\n    }\n  }\n}\n\nmutation SaveConnectWise($input: ConnectWiseInput!) {\n  saveConnectWise(input: $input) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nmutation CheckConnectWiseConnection($force: Boolean!) {\n  checkConnectWiseConnection(force: $force) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nquery CachedAccountId {\n  me {\n    id\n  }\n}"): (typeof documents)["fragment ConnectWiseConnectionFields on ConnectWiseConnection {\n  id\n  site\n  companyId\n  publicKey\n  privateKeyHint\n  companyName\n  codebase\n  validatedAt\n  status {\n    state\n    message\n    checkedAt\n    reconnectBy\n  }\n}\n\nquery ConnectWiseConnection {\n  me {\n    id\n    connectWise {\n      ...ConnectWiseConnectionFields\n    }\n  }\n}\n\nmutation SaveConnectWise($input: ConnectWiseInput!) {\n  saveConnectWise(input: $input) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nmutation CheckConnectWiseConnection($force: Boolean!) {\n  checkConnectWiseConnection(force: $force) {\n    ...ConnectWiseConnectionFields\n  }\n}\n\nquery CachedAccountId {\n  me {\n    id\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;