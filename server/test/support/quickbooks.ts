import { DEMO_CREDENTIALS } from '../../src/simulators/connectwise';
import { completeAuthorization, type AuthorizationOutcome } from '../../src/simulators/intuit';
import { createVerifiedAccount, gql, type GraphQLResponse, type TestServer, sessionCookie } from './test-server';

/** Helpers for the QuickBooks Online tests: signed-in accounts, ConnectWise first, the OAuth flow. */

/** Server env that lets ConnectWise PSA validate against the simulator on loopback. */
export const CONNECTWISE_TEST_ENV = {
  CONNECTWISE_ALLOW_HTTP: '1',
  CONNECTWISE_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e',
};

export const DEMO_REALM = '9130357000000001';
export const NORTHWIND_REALM = '9130357000000002';

export const QB_FIELDS = `id name isDefault realmId companyName statusReason lastErrorCode connectedAt lastSuccessAt
  connectionStatus { state message checkedAt reconnectBy }`;

export const QB = {
  list: `{ me { quickBooksConfigurations { ${QB_FIELDS} } } }`,
  status: `{ connectionStatus { connectWise { state message } quickBooks { ${QB_FIELDS} } } }`,
  one: `query($id: ID!) { quickBooksConfiguration(id: $id) { ${QB_FIELDS} } }`,
  add: `mutation($name: String!) { addQuickBooksCompany(name: $name) { ${QB_FIELDS} } }`,
  rename: `mutation($id: ID!, $name: String!) { renameQuickBooksCompany(id: $id, name: $name) { ${QB_FIELDS} } }`,
  remove: 'mutation($id: ID!) { deleteQuickBooksCompany(id: $id) }',
  begin: 'mutation($id: ID!) { beginQuickBooksAuth(configurationId: $id) { authorizationUrl } }',
  disconnect: `mutation($id: ID!) { disconnectQuickBooks(configurationId: $id) { ${QB_FIELDS} } }`,
  check: `mutation($id: ID!) { checkQuickBooksConnection(configurationId: $id) { ${QB_FIELDS} } }`,
};

export interface QbConfig {
  id: string;
  name: string;
  isDefault: boolean;
  realmId: string | null;
  companyName: string | null;
  statusReason: string | null;
  lastErrorCode: string | null;
  connectedAt: string | null;
  lastSuccessAt: string | null;
  connectionStatus: { state: string; message: string | null; checkedAt: string | null; reconnectBy: string | null };
}

export interface Session {
  token: string;
  accountId: string;
  /** The browser's session cookie (the callback needs the browser session, not a Bearer token). */
  cookie: string;
}

/** A signed-in account (cookie name as for an http:// APP_URL). */
export async function signIn(server: TestServer, email: string): Promise<Session> {
  const { token, accountId } = await createVerifiedAccount(server, email);
  return { token, accountId, cookie: sessionCookie(token) };
}

/** Saves the demo company; replacing a saved connection takes the account's password (`currentPassword`). */
export async function saveConnectWise(
  server: TestServer,
  session: Session,
  site: string,
  currentPassword?: string,
): Promise<void> {
  const res = await gql(
    server.url,
    'mutation($input: ConnectWiseInput!) { saveConnectWise(input: $input) { status { state } } }',
    { input: { site, ...DEMO_CREDENTIALS, ...(currentPassword ? { currentPassword } : {}) } },
    { token: session.token },
  );
  if (res.body.errors) throw new Error(`saveConnectWise failed: ${res.raw}`);
}

export async function configurations(server: TestServer, session: Session): Promise<QbConfig[]> {
  const res = await gql<{ me: { quickBooksConfigurations: QbConfig[] } }>(server.url, QB.list, {}, session);
  if (!res.body.data) throw new Error(`listing failed: ${res.raw}`);
  return res.body.data.me.quickBooksConfigurations;
}

export async function defaultConfiguration(server: TestServer, session: Session): Promise<QbConfig> {
  const found = (await configurations(server, session)).find((c) => c.isDefault);
  if (!found) throw new Error('no Default configuration');
  return found;
}

export async function getConfiguration(server: TestServer, session: Session, id: string): Promise<QbConfig | null> {
  const res = await gql<{ quickBooksConfiguration: QbConfig | null }>(server.url, QB.one, { id }, session);
  return res.body.data?.quickBooksConfiguration ?? null;
}

export async function beginAuth(server: TestServer, session: Session, id: string): Promise<string> {
  const res = await gql<{ beginQuickBooksAuth: { authorizationUrl: string } }>(server.url, QB.begin, { id }, session);
  if (!res.body.data) throw new Error(`beginQuickBooksAuth failed: ${res.raw}`);
  return res.body.data.beginQuickBooksAuth.authorizationUrl;
}

/** Follows Intuit's redirect to our callback as the browser would (with its cookie); returns our redirect. */
export async function hitCallback(
  server: TestServer,
  callbackUrl: string,
  cookie?: string,
): Promise<{ status: number; location: string }> {
  const url = new URL(callbackUrl);
  const target = `${server.url}${url.pathname}${url.search}`;
  const res = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: res.status, location: res.headers.get('location') ?? '' };
}

/** The whole "Connect to QuickBooks" flow through the simulator's pages; returns our final redirect. */
export async function connectQuickBooks(
  server: TestServer,
  session: Session,
  id: string,
  realmId = DEMO_REALM,
): Promise<{ location: string; outcome: AuthorizationOutcome }> {
  const authorizationUrl = await beginAuth(server, session, id);
  const outcome = await completeAuthorization(authorizationUrl, { realmId });
  const { location } = await hitCallback(server, outcome.location, session.cookie);
  return { location, outcome };
}

export function firstError(res: GraphQLResponse): { code?: string; field?: string; message?: string } {
  const error = res.body.errors?.[0];
  return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
}
