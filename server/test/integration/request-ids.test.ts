import { createVerifiedAccount, freshIp, gql, MUTATIONS, STRONG_PASSWORD } from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/** Every log line written for an HTTP request carries its id, the one the answer's X-Request-Id header gives. */
describe('request ids in the logs', () => {
  const server = useTestServer('sqlite');

  const lines = () =>
    server.logs
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const eventLine = (event: string, requestId: string | null) =>
    lines().find((line) => line.event === event && line.reqId === requestId);

  it.each([
    ['a successful login', 'auth.login', STRONG_PASSWORD],
    ['a failed login', 'auth.login_failed', 'Not the password 1'],
  ])('tags %s with the id of its request', async (_what, event, password) => {
    const email = `ids.${event}@acme-msp.test`;
    await createVerifiedAccount(server, email);
    const res = await gql(server.url, MUTATIONS.login, { email, password }, { ip: freshIp() });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(eventLine(event, requestId)).toMatchObject({ event, reqId: requestId });
  });

  it('tags the sign-up and the background work it starts, and keeps requests apart', async () => {
    const first = await gql(server.url, MUTATIONS.signup, { email: 'ids.signup@acme-msp.test' }, { ip: freshIp() });
    await server.settle();
    const second = await gql(
      server.url,
      MUTATIONS.requestPasswordReset,
      { email: 'ids.signup@acme-msp.test' },
      { ip: freshIp() },
    );
    await server.settle();
    const firstId = first.headers.get('x-request-id');
    const secondId = second.headers.get('x-request-id');
    expect(firstId).not.toBe(secondId);
    expect(eventLine('auth.signup', firstId)).toBeDefined();
    expect(eventLine('auth.reset_requested', secondId)).toBeDefined();
  });
});
