import { connectFailedMessage } from '../../src/integrations/connectwise/connectwise-http';
import {
  DEMO_CREDENTIALS,
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import { listenOnLoopback, type RunningServer } from '../../src/simulators/http';
import { CONNECTWISE_TEST_ENV } from '../support/quickbooks';
import { createVerifiedAccount, errorOf, gql } from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/**
 * The Site guard through the real stack (docs/request-hardening.md). Even with the development switch that lets the
 * simulator on 127.0.0.1 through, no other local address is dialled, and every destination Mobius could not or would
 * not connect to gets the same answer.
 */
const SAVE = 'mutation($input: ConnectWiseInput!) { saveConnectWise(input: $input) { status { state } } }';

describe('the ConnectWise Site guard', () => {
  const server = useTestServer('sqlite', { env: CONNECTWISE_TEST_ENV });
  let psa: RunningServer & ConnectWiseSimulator;
  let token: string;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    ({ token } = await createVerifiedAccount(server, 'cw.guard@acme-msp.test'));
  });
  afterAll(async () => {
    await psa?.close();
  });

  const save = (site: string) => gql(server.url, SAVE, { input: { site, ...DEMO_CREDENTIALS } }, { token });

  it('refuses 0.0.0.0, which the operating system would connect to this machine, without reaching it', async () => {
    psa.controls.clearRequests();
    const res = await save(`http://0.0.0.0:${psa.port}`);
    expect(errorOf(res)).toEqual({
      code: 'CONNECTWISE_SITE_UNREACHABLE',
      field: 'site',
      message: connectFailedMessage(`0.0.0.0:${psa.port}`),
    });
    expect(psa.controls.requests()).toEqual([]);
  });

  it('guards the host of an address pasted from the browser bar as it guards a bare host', async () => {
    psa.controls.clearRequests();
    const res = await save(`http://0.0.0.0:${psa.port}/v4_6_release/ConnectWise.aspx?locale=en_US`);
    expect(errorOf(res)).toEqual({
      code: 'CONNECTWISE_SITE_UNREACHABLE',
      field: 'site',
      message: connectFailedMessage(`0.0.0.0:${psa.port}`),
    });
    expect(psa.controls.requests()).toEqual([]);
  });

  it('answers a closed port exactly as a refused address', async () => {
    const probe = await listenOnLoopback(() => undefined);
    await probe.close();
    const closed = errorOf(await save(`http://127.0.0.1:${probe.port}`));
    const refused = errorOf(await save(`http://0.0.0.0:${probe.port}`));
    expect(closed.code).toBe('CONNECTWISE_SITE_UNREACHABLE');
    expect(closed.message?.replace('127.0.0.1', 'HOST')).toBe(refused.message?.replace('0.0.0.0', 'HOST'));
    expect({ ...closed, message: undefined }).toEqual({ ...refused, message: undefined });
  });

  it('still reaches the simulator on loopback with the development switch', async () => {
    const res = await save(psa.url);
    expect(res.body.data).toEqual({ saveConnectWise: { status: { state: 'CONNECTED' } } });
  });
});
