import { resetBudgets, startTestServer, type TestServer, type TestServerOptions } from './test-server';

export interface UseTestServerOptions extends Omit<TestServerOptions, 'dialect'> {
  /** Before each test, wait until the server's emails are done, then forget every email it sent. */
  clearMail?: boolean;
  /** Before each test, forget the request budgets (throttles and the per-account email budget). */
  resetBudgets?: boolean;
}

/**
 * The lifecycle a suite on one test server repeats, registered once: the server starts before the suite's tests and
 * closes after them; with `clearMail` or `resetBudgets`, each test starts on settled, forgotten mail or budgets.
 * Call it inside the suite's `describe`. The returned handle stands for the running server: read it in hooks and
 * tests only (it exists from the suite's `beforeAll` until its `afterAll`).
 */
export function useTestServer(dialect: TestServerOptions['dialect'], options: UseTestServerOptions = {}): TestServer {
  const { clearMail, resetBudgets: forgetBudgets, ...serverOptions } = options;
  let current: TestServer | undefined;
  const running = (): TestServer => {
    if (!current) throw new Error('the test server runs only between its beforeAll and afterAll');
    return current;
  };

  beforeAll(async () => {
    current = await startTestServer({ dialect, ...serverOptions });
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  if (clearMail || forgetBudgets) {
    beforeEach(async () => {
      const server = running();
      await server.settle();
      if (clearMail) server.mail.clear();
      if (forgetBudgets) await resetBudgets(server);
    });
  }

  return new Proxy({} as TestServer, { get: (_target, key) => Reflect.get(running(), key) });
}

/**
 * Starts a test server for one stretch of a test and closes it when `use` is done, whether it passed or threw (a
 * server left open by a failed assertion would keep Jest from exiting).
 */
export async function withTestServer<T>(
  options: TestServerOptions,
  use: (server: TestServer) => Promise<T>,
): Promise<T> {
  const server = await startTestServer(options);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}
