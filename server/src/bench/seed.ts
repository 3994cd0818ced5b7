import { benchCredentials, generateBenchTenant, startConnectWiseSimulator } from '../simulators/connectwise';
import { SANDBOX_COMPANY_US_1, startIntuitSimulator, type SandboxCompanySeed } from '../simulators/intuit';
import { startSendGridSimulator } from '../simulators/sendgrid';
import { connectQuickBooks, graphql, signUp, type BenchProcess } from './bench-stack';

/**
 * The account the load figures poll (docs/performance.md §1): ConnectWise PSA connected and ten QuickBooks
 * Online configurations, each connected to its own company through the Intuit simulator's consent pages.
 */

/** What a partner monitor asks: every connection's state, message and dates. */
export const STATUS_QUERY = `{ connectionStatus {
  connectWise { state message checkedAt reconnectBy }
  quickBooks {
    id name isDefault realmId companyName connectedAt lastSuccessAt statusReason lastErrorCode
    connectionStatus { state message checkedAt reconnectBy }
  }
} }`;

export const CONFIGURATIONS = 10;
export const PASSWORD = 'Correct horse battery staple 42';
const TENANT = 'bench_status';

export function benchCompanies(count: number): SandboxCompanySeed[] {
  return Array.from({ length: count }, (_, i) => ({
    ...SANDBOX_COMPANY_US_1,
    realmId: `91303570000${String(i + 1).padStart(5, '0')}`,
    companyName: `Bench Company ${i + 1}`,
    legalName: `Bench Company ${i + 1}`,
  }));
}

export type Simulators = Awaited<ReturnType<typeof startSimulators>>;

export async function startSimulators() {
  const psa = await startConnectWiseSimulator({
    tenants: () => [generateBenchTenant({ companyId: TENANT, invoices: 20, companies: 5 })],
  });
  const intuit = await startIntuitSimulator({ companies: benchCompanies(CONFIGURATIONS) });
  const sendgrid = await startSendGridSimulator();
  return {
    psa,
    intuit,
    sendgrid,
    close: () => Promise.all([psa.close(), intuit.close(), sendgrid.close()]).then(() => undefined),
  };
}

export interface SeededAccount {
  email: string;
  /** A browser session's token (the dashboard sends it as its session cookie). */
  sessionToken: string;
  /** A read-only API token, sent as partner tooling does (Bearer). */
  apiToken: string;
}

export async function seedStatusAccount(
  server: BenchProcess,
  simulators: Simulators,
  email = 'status@acme-msp.test',
): Promise<SeededAccount> {
  const token = await signUp(server.url, simulators.sendgrid.controls, email);
  await graphql(
    server.url,
    'mutation($input: ConnectWiseInput!) { saveConnectWise(input: $input) { id } }',
    { input: { site: simulators.psa.url, ...benchCredentials(TENANT) } },
    token,
  );
  const { me } = await graphql<{ me: { quickBooksConfigurations: Array<{ id: string }> } }>(
    server.url,
    '{ me { quickBooksConfigurations { id } } }',
    {},
    token,
  );
  const ids = [me.quickBooksConfigurations[0]?.id];
  for (let i = 1; i < CONFIGURATIONS; i += 1) {
    const { addQuickBooksCompany } = await graphql<{ addQuickBooksCompany: { id: string } }>(
      server.url,
      'mutation($name: String!) { addQuickBooksCompany(name: $name) { id } }',
      { name: `Company ${i + 1}` },
      token,
    );
    ids.push(addQuickBooksCompany.id);
  }
  const realms = benchCompanies(CONFIGURATIONS).map((c) => c.realmId);
  for (const [index, id] of ids.entries()) await connectQuickBooks(server.url, token, id, realms[index]);
  const { createApiToken } = await graphql<{ createApiToken: { token: string } }>(
    server.url,
    'mutation { createApiToken(name: "Uptime monitor") { token } }',
    {},
    token,
  );
  const { connectionStatus } = await graphql<{
    connectionStatus: { quickBooks: Array<{ connectionStatus: { state: string } }> };
  }>(server.url, STATUS_QUERY, {}, createApiToken.token);
  const connected = connectionStatus.quickBooks.filter((q) => q.connectionStatus.state === 'CONNECTED').length;
  if (connected !== CONFIGURATIONS) throw new Error(`only ${connected} of ${CONFIGURATIONS} configurations connected`);
  return { email, sessionToken: token, apiToken: createApiToken.token };
}
