import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, keyId, LEGACY_HASH_KEY_ID, loadConfig } from './config';

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-config-'));
const secret = randomBytes(32).toString('base64');

describe('loadConfig', () => {
  it('runs a development install with simulators, SQLite and generated secrets that persist', () => {
    const dir = dataDir();
    const first = loadConfig({}, { dataDir: dir });
    expect(first.port).toBe(4000);
    expect(first.appUrl).toBe('http://localhost:4000');
    expect(first.databaseUrl).toBe(`sqlite:${path.join(dir, 'mobius.sqlite')}`);
    expect(first.simulators.enabled).toBe(true);
    expect(first.mail.sendgridApiBaseUrl).toBe('http://127.0.0.1:4101');
    expect(first.intuit.tokenUrl).toBe('http://127.0.0.1:4103/oauth2/v1/tokens/bearer');
    expect(first.connectWise.allowHttp).toBe(true);
    const second = loadConfig({}, { dataDir: dir });
    expect(second.jwtSecret.equals(first.jwtSecret)).toBe(true);
    expect(second.encryptionKeys[0]?.id).toBe(first.encryptionKeys[0]?.id);
  });

  it('moves the simulators with SIMULATOR_BASE_PORT and accepts endpoint URLs with a trailing slash', () => {
    const config = loadConfig(
      {
        SIMULATOR_BASE_PORT: '5100',
        QBO_API_BASE_URL: 'https://sandbox-quickbooks.api.intuit.com/',
        INTUIT_TOKEN_URL: 'http://127.0.0.1:9/token/',
      },
      { dataDir: dataDir() },
    );
    expect(config.mail.sendgridApiBaseUrl).toBe('http://127.0.0.1:5101');
    expect(config.intuit.qboApiBaseUrl).toBe('https://sandbox-quickbooks.api.intuit.com');
    expect(config.intuit.tokenUrl).toBe('http://127.0.0.1:9/token');
  });

  it('points "Open in QuickBooks" links at the simulator, the sandbox or production QuickBooks', () => {
    expect(loadConfig({}, { dataDir: dataDir() }).intuit.qboAppBaseUrl).toBe('http://127.0.0.1:4103/app/');
    const off = { MOBIUS_SIMULATORS: 'off' };
    expect(loadConfig(off, { dataDir: dataDir() }).intuit.qboAppBaseUrl).toBe(
      'https://app.sandbox.qbo.intuit.com/app/',
    );
    expect(loadConfig({ ...off, INTUIT_ENVIRONMENT: 'production' }, { dataDir: dataDir() }).intuit.qboAppBaseUrl).toBe(
      'https://app.qbo.intuit.com/app/',
    );
    expect(
      loadConfig({ ...off, QBO_APP_BASE_URL: 'http://127.0.0.1:9/app' }, { dataDir: dataDir() }).intuit.qboAppBaseUrl,
    ).toBe('http://127.0.0.1:9/app/');
  });

  it('refuses to start in production without its secrets, naming each one', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production' }, { dataDir: dataDir() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of [
      'JWT_SECRET',
      'MOBIUS_SECRET_KEY',
      'MOBIUS_HASH_KEYS',
      'APP_URL',
      'SENDGRID_API_KEY',
      'MAIL_FROM',
      'INTUIT_CLIENT_ID',
      'INTUIT_CLIENT_SECRET',
      'CONNECTWISE_CLIENT_ID',
      'DATABASE_URL',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('accepts a complete production configuration with simulators off and no plain-HTTP ConnectWise', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        APP_URL: 'https://mobius.example.com',
        DATABASE_URL: 'mysql://mobius:pw@db:3306/mobius',
        JWT_SECRET: secret,
        MOBIUS_SECRET_KEY: randomBytes(32).toString('base64'),
        MOBIUS_HASH_KEYS: randomBytes(32).toString('base64'),
        SENDGRID_API_KEY: 'SG.x',
        MAIL_FROM: 'no-reply@example.com',
        INTUIT_CLIENT_ID: 'id',
        INTUIT_CLIENT_SECRET: 'secret',
        INTUIT_ENVIRONMENT: 'production',
        CONNECTWISE_CLIENT_ID: 'cw',
      },
      { dataDir: dataDir() },
    );
    expect(config.simulators.enabled).toBe(false);
    expect(config.connectWise.allowHttp).toBe(false);
    expect(config.intuit.qboApiBaseUrl).toBe('https://quickbooks.api.intuit.com');
    expect(config.mail.sendgridApiBaseUrl).toBe('https://api.sendgrid.com');
    expect(Object.isFrozen(config)).toBe(true);
  });

  describe('refuses an insecure production configuration, naming the variable', () => {
    const production = {
      NODE_ENV: 'production',
      APP_URL: 'https://mobius.example.com',
      DATABASE_URL: 'mysql://mobius:pw@db:3306/mobius',
      JWT_SECRET: randomBytes(32).toString('base64'),
      MOBIUS_SECRET_KEY: randomBytes(32).toString('base64'),
      MOBIUS_HASH_KEYS: randomBytes(32).toString('base64'),
      SENDGRID_API_KEY: 'SG.x',
      MAIL_FROM: 'no-reply@example.com',
      INTUIT_CLIENT_ID: 'id',
      INTUIT_CLIENT_SECRET: 'secret',
      CONNECTWISE_CLIENT_ID: 'cw',
    };
    const refusal = (env: Record<string, string>): string => {
      try {
        loadConfig({ ...production, ...env }, { dataDir: dataDir() });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('the configuration was accepted');
    };

    it('accepts the complete, secure baseline these cases start from', () => {
      expect(loadConfig(production, { dataDir: dataDir() }).isProduction).toBe(true);
    });

    it.each([
      ['a short JWT secret', { JWT_SECRET: 'c2hvcnQ=' }, 'JWT_SECRET must hold at least 32 random bytes'],
      [
        'a JWT secret that is a passphrase',
        { JWT_SECRET: 'correct horse battery staple, then some more words' },
        'JWT_SECRET must be random bytes',
      ],
      [
        'a JWT secret with a pattern',
        { JWT_SECRET: Buffer.alloc(48, 'ab').toString('base64') },
        'JWT_SECRET is not random',
      ],
      [
        'a key with a pattern',
        { MOBIUS_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') },
        'MOBIUS_SECRET_KEY is not random',
      ],
      ['one secret for two purposes', { JWT_SECRET: secret, MOBIUS_SECRET_KEY: secret }, 'must be different secrets'],
      [
        'a hash key with a pattern',
        { MOBIUS_HASH_KEYS: Buffer.alloc(32, 9).toString('base64') },
        'MOBIUS_HASH_KEYS is not random',
      ],
      [
        'the session secret as hash key',
        { JWT_SECRET: secret, MOBIUS_HASH_KEYS: secret },
        'JWT_SECRET and MOBIUS_HASH_KEYS must be different secrets',
      ],
      ['simulators on', { MOBIUS_SIMULATORS: 'on' }, 'MOBIUS_SIMULATORS must be off in production'],
      ['an http APP_URL', { APP_URL: 'http://mobius.example.com' }, 'APP_URL must be an https:// URL'],
      ['no SendGrid key', { SENDGRID_API_KEY: '' }, 'SENDGRID_API_KEY is required'],
      [
        'something that is not a SendGrid key',
        { SENDGRID_API_KEY: 'changeme' },
        'SENDGRID_API_KEY must be a SendGrid API key',
      ],
      ['no database', { DATABASE_URL: '' }, 'DATABASE_URL is required in production'],
      ['plain-HTTP ConnectWise sites', { CONNECTWISE_ALLOW_HTTP: '1' }, 'CONNECTWISE_ALLOW_HTTP is for development'],
      [
        'a clear-text Intuit token endpoint',
        { INTUIT_TOKEN_URL: 'http://intuit.example.com/token' },
        'INTUIT_TOKEN_URL must be an https:// URL',
      ],
      [
        'a clear-text QBO API',
        { QBO_API_BASE_URL: 'http://qbo.example.com' },
        'QBO_API_BASE_URL must be an https:// URL',
      ],
      [
        'a clear-text SendGrid',
        { SENDGRID_API_BASE_URL: 'http://sendgrid.example.com' },
        'SENDGRID_API_BASE_URL must be an https:// URL',
      ],
      ['trusting every proxy', { TRUST_PROXY: 'true' }, 'TRUST_PROXY=true trusts X-Forwarded-For from anyone'],
    ])('%s', (_what, env, expected) => {
      expect(refusal(env)).toContain(expected);
    });

    it('lists every problem at once, never repeating a secret', () => {
      const weak = Buffer.alloc(32, 7).toString('base64');
      const message = refusal({
        JWT_SECRET: weak,
        MOBIUS_SECRET_KEY: weak,
        MOBIUS_SIMULATORS: 'on',
        TRUST_PROXY: 'true',
      });
      for (const name of ['JWT_SECRET', 'MOBIUS_SECRET_KEY', 'MOBIUS_SIMULATORS', 'TRUST_PROXY'])
        expect(message).toContain(name);
      expect(message).not.toContain(weak);
    });

    it('lets plain HTTP reach this machine only (a local proxy or sidecar), and a hop count for TRUST_PROXY', () => {
      const config = loadConfig(
        {
          ...production,
          SENDGRID_API_BASE_URL: 'http://127.0.0.1:8080',
          INTUIT_TOKEN_URL: 'http://localhost:9/t',
          TRUST_PROXY: '1',
        },
        { dataDir: dataDir() },
      );
      expect(config.mail.sendgridApiBaseUrl).toBe('http://127.0.0.1:8080');
      expect(config.trustProxy).toBe('1');
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ JWT_SECRET: 'c2hvcnQ=' }, 'JWT_SECRET must hold at least 32 random bytes'],
    [{ MOBIUS_SECRET_KEY: 'not-a-key' }, 'MOBIUS_SECRET_KEY must be 32 bytes'],
    [{ MOBIUS_HASH_KEYS: 'not-a-key' }, 'MOBIUS_HASH_KEYS must be 32 bytes'],
    [
      {
        MOBIUS_SECRET_KEY: Buffer.alloc(32, 4).toString('base64'),
        MOBIUS_HASH_KEYS: Buffer.alloc(32, 4).toString('hex'),
      },
      'MOBIUS_HASH_KEYS must not reuse a MOBIUS_SECRET_KEY key',
    ],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL must be sqlite:<path> or mysql://'],
    [{ APP_URL: 'localhost:4000' }, 'APP_URL must be an http(s) URL'],
    [{ BCRYPT_COST: '8' }, 'BCRYPT_COST'],
    [{ PASSWORD_HASH_THREADS: '0' }, 'PASSWORD_HASH_THREADS'],
    [{ PASSWORD_HASH_MAX_WAITING: 'lots' }, 'PASSWORD_HASH_MAX_WAITING'],
    [
      { NODE_ENV: 'production', CONNECTWISE_ALLOW_HTTP: '1' },
      'CONNECTWISE_ALLOW_HTTP is for development and tests only',
    ],
  ])('explains a bad value %j', (env, expected) => {
    expect(() => loadConfig(env, { dataDir: dataDir() })).toThrow(expected);
  });

  it('sizes the password-hashing pool to the cores unless told otherwise', () => {
    const cores = os.availableParallelism();
    expect(loadConfig({}, { dataDir: dataDir() }).passwordHashing).toEqual({ threads: cores, maxWaiting: cores * 16 });
    expect(
      loadConfig({ PASSWORD_HASH_THREADS: '3', PASSWORD_HASH_MAX_WAITING: '0' }, { dataDir: dataDir() })
        .passwordHashing,
    ).toEqual({ threads: 3, maxWaiting: 0 });
  });

  it('runs the job queue embedded by default and on BullMQ when REDIS_URL is set', () => {
    const embedded = loadConfig({}, { dataDir: dataDir() });
    expect(embedded.queue).toEqual({
      redisUrl: undefined,
      prefix: 'mobius',
      concurrency: 2,
      leaseMs: 30_000,
      pollMs: 1000,
    });
    const bullmq = loadConfig(
      {
        REDIS_URL: 'rediss://:s3cret@redis.example.com:6380/2',
        QUEUE_PREFIX: 'mobius-eu',
        QUEUE_CONCURRENCY: '4',
        QUEUE_LEASE_SECONDS: '60',
        QUEUE_POLL_MS: '250',
      },
      { dataDir: dataDir() },
    );
    expect(bullmq.queue).toEqual({
      redisUrl: 'rediss://:s3cret@redis.example.com:6380/2',
      prefix: 'mobius-eu',
      concurrency: 4,
      leaseMs: 60_000,
      pollMs: 250,
    });
  });

  it.each(['localhost:6379', 'http://redis:6379', 'redis://:hunter2@', 'redis:// spaced:6379'])(
    'refuses the malformed REDIS_URL %j in a sentence that does not repeat it',
    (url) => {
      let error: unknown;
      try {
        loadConfig({ REDIS_URL: url }, { dataDir: dataDir() });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('REDIS_URL must be a redis:// or rediss:// URL');
      expect((error as Error).message).not.toContain(url);
    },
  );

  it('keeps the connection timings in the config: fixed token timings, checker periods an operator may tune', () => {
    const defaults = loadConfig({}, { dataDir: dataDir() });
    expect(defaults.intuit.tokens).toEqual({ callTimeoutMs: 12_000, refreshLeaseMs: 25_000, refreshSkewMs: 300_000 });
    // The token call, retries included, ends well before the refresh lease (docs/token-manager.md §1).
    expect(defaults.intuit.tokens.callTimeoutMs).toBeLessThan(defaults.intuit.tokens.refreshLeaseMs);
    expect(defaults.intuit.checker).toEqual({
      runEveryMs: 60_000,
      validateEveryMs: 600_000,
      keepAliveWithinMs: 30 * 24 * 3600_000,
    });
    expect(defaults.connectWise).toMatchObject({ recheckAfterMs: 900_000, timeoutMs: 10_000 });
    expect(defaults.connectionChecks).toEqual({ leaseMs: 120_000 });

    const tuned = loadConfig(
      { QBO_VALIDATE_EVERY_MINUTES: '30', CONNECTWISE_RECHECK_MINUTES: '5' },
      { dataDir: dataDir() },
    );
    expect(tuned.intuit.checker.validateEveryMs).toBe(1_800_000);
    expect(tuned.connectWise.recheckAfterMs).toBe(300_000);
    for (const name of ['QBO_VALIDATE_EVERY_MINUTES', 'CONNECTWISE_RECHECK_MINUTES']) {
      expect(() => loadConfig({ [name]: '0' }, { dataDir: dataDir() })).toThrow(name);
    }
  });

  it('sets request deadlines, and refuses a headers deadline longer than the whole request', () => {
    expect(loadConfig({}, { dataDir: dataDir() }).http).toEqual({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 15_000,
      keepAliveTimeoutMs: 5_000,
    });
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' }, { dataDir: dataDir() }),
    ).toThrow('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS.');
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_MS: 'soon' }, { dataDir: dataDir() })).toThrow(ConfigError);
  });

  it('retries emails from 30 s doubling to 30 min for a day by default, and refuses a cap below the first delay', () => {
    expect(loadConfig({}, { dataDir: dataDir() }).mail.retry).toEqual({
      firstDelayMs: 30_000,
      maxDelayMs: 1_800_000,
      windowMs: 24 * 3600_000,
    });
    expect(
      loadConfig(
        { MAIL_RETRY_FIRST_DELAY_MS: '50', MAIL_RETRY_MAX_DELAY_MS: '200', MAIL_RETRY_WINDOW_MINUTES: '90' },
        { dataDir: dataDir() },
      ).mail.retry,
    ).toEqual({ firstDelayMs: 50, maxDelayMs: 200, windowMs: 90 * 60_000 });
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig(env, { dataDir: dataDir() });
      } catch (error) {
        return error instanceof ConfigError ? error.message : 'not a ConfigError';
      }
      return 'accepted';
    };
    expect(refused({ MAIL_RETRY_FIRST_DELAY_MS: '60000', MAIL_RETRY_MAX_DELAY_MS: '1000' })).toContain(
      'MAIL_RETRY_MAX_DELAY_MS must be at least MAIL_RETRY_FIRST_DELAY_MS.',
    );
    expect(refused({ MAIL_RETRY_WINDOW_MINUTES: '0' })).toContain('MAIL_RETRY_WINDOW_MINUTES');
    expect(refused({ MAIL_RETRY_FIRST_DELAY_MS: 'soon' })).toContain('MAIL_RETRY_FIRST_DELAY_MS');
  });

  it('rotates encryption keys: the first encrypts, all decrypt', () => {
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('hex');
    const config = loadConfig({ MOBIUS_SECRET_KEY: `${a},${b}` }, { dataDir: dataDir() });
    expect(config.encryptionKeys).toHaveLength(2);
    expect(config.encryptionKeys[0]?.key.equals(Buffer.alloc(32, 1))).toBe(true);
    expect(config.encryptionKeys[0]?.id).not.toBe(config.encryptionKeys[1]?.id);
  });

  it('rotates hash keys: the first hashes, all verify, and the JWT-derived legacy key verifies last', () => {
    const a = Buffer.alloc(32, 5).toString('base64');
    const b = Buffer.alloc(32, 6).toString('hex');
    const jwt = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ MOBIUS_HASH_KEYS: `${a}, ${b}`, JWT_SECRET: jwt }, { dataDir: dataDir() });
    expect(config.hashKeys.map((k) => k.id)).toEqual([
      keyId(Buffer.alloc(32, 5)),
      keyId(Buffer.alloc(32, 6)),
      LEGACY_HASH_KEY_ID,
    ]);
    const other = loadConfig(
      { MOBIUS_HASH_KEYS: a, JWT_SECRET: Buffer.alloc(32, 8).toString('base64') },
      { dataDir: dataDir() },
    );
    expect(other.hashKeys[0]?.key.equals(config.hashKeys[0].key)).toBe(true);
  });

  it('generates and keeps a hash key in development when none is set', () => {
    const dir = dataDir();
    const first = loadConfig({}, { dataDir: dir });
    const again = loadConfig({}, { dataDir: dir });
    expect(first.hashKeys).toHaveLength(2);
    expect(again.hashKeys[0]?.key.equals(first.hashKeys[0].key)).toBe(true);
    expect(first.hashKeys[0]?.key.equals(first.encryptionKeys[0].key)).toBe(false);
  });
});
