import { testDialects } from '../support/databases';
import { errorOf, freshIp, gql, MUTATIONS } from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/** docs/login-protection.md: bcrypt runs in a bounded pool of worker threads, off the event loop. */

describe.each(testDialects)('password hashing off the event loop on %s', (dialect) => {
  // One thread and little room to wait, so a handful of logins fills the pool.
  const server = useTestServer(dialect, {
    env: { PASSWORD_HASH_THREADS: '1', PASSWORD_HASH_MAX_WAITING: '2', BCRYPT_COST: '13' },
  });

  const attempt = (i: number, ip = freshIp()) =>
    gql(server.url, MUTATIONS.login, { email: `nobody.${i}@acme-msp.test`, password: 'Some password 123' }, { ip });

  /** Waits until `n` login attempts have been admitted (their points are spent before the hash). */
  async function admitted(n: number, ips: string[]): Promise<void> {
    for (;;) {
      const rows = await server.db.dataSource.query<Array<{ n: number | string }>>(
        `SELECT COUNT(*) AS n FROM rate_limits WHERE \`key\` IN (${ips.map(() => '?').join(',')})`,
        ips.map((ip) => `loginClient:${ip}`),
      );
      if (Number(rows[0]?.n) >= n) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('answers RATE_LIMITED with a retry-after, instead of queueing, when the pool is full', async () => {
    const ips = Array.from({ length: 12 }, () => freshIp());
    const answers = await Promise.all(ips.map((ip, i) => attempt(i, ip)));
    const busy = answers.filter((r) => errorOf(r).code === 'RATE_LIMITED');
    const compared = answers.filter((r) => errorOf(r).code === 'UNAUTHENTICATED');
    expect(busy.length + compared.length).toBe(12);
    expect(busy.length).toBeGreaterThan(0);
    for (const refused of busy) {
      expect(errorOf(refused).message).toBe(
        'Mobius is checking many passwords right now. Please try again in a few seconds.',
      );
      expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    // An attempt the pool refused was never compared: it is not counted as a failure.
    const rows = await server.db.dataSource.query<Array<{ total: number | string }>>(
      `SELECT COALESCE(SUM(points), 0) AS total FROM rate_limits WHERE \`key\` IN (${ips.map(() => '?').join(',')})`,
      ips.map((ip) => `loginClient:${ip}`),
    );
    expect(Number(rows[0]?.total)).toBe(compared.length);
  });

  it('keeps the event loop free while hashes run: /healthz answers and the loop turns while logins wait', async () => {
    const ips = Array.from({ length: 3 }, () => freshIp());
    let finished = 0;
    let onFinish: (() => void) | undefined;
    const logins = ips.map((ip, i) =>
      attempt(100 + i, ip).then((res) => {
        finished += 1;
        onFinish?.();
        return res;
      }),
    );
    await admitted(3, ips);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(finished).toBeLessThan(3);
    // Count the event loop's turns until the next login is answered: with bcrypt on the loop it is about a dozen.
    let turns = 0;
    let counting = true;
    const spin = () => {
      if (!counting) return;
      turns += 1;
      setImmediate(spin);
    };
    const nextAnswer = new Promise<void>((resolve) => {
      onFinish = resolve;
    });
    spin();
    await nextAnswer;
    counting = false;
    const answers = await Promise.all(logins);
    expect(answers.map((r) => errorOf(r).code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(turns).toBeGreaterThan(1000);
  });
});
