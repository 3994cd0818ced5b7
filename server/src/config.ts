import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The one place that reads process.env: validated, typed, frozen. */

export type NodeEnv = 'development' | 'test' | 'production';

export interface EncryptionKey {
  /** Short id stored beside every ciphertext so keys can rotate. */
  id: string;
  key: Buffer;
}

/** A key of HMAC digests of bearer secrets (email links, API tokens, OAuth states); docs/secrets.md. */
export interface HashKey {
  /** Short id stored beside API token and link digests (`legacy` for the key derived from JWT_SECRET). */
  id: string;
  key: Buffer;
}

/** The id of the verify-only key that hashed tokens before MOBIUS_HASH_KEYS existed. */
export const LEGACY_HASH_KEY_ID = 'legacy';

export interface Config {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  host: string;
  port: number;
  appUrl: string;
  trustProxy: boolean | string;
  /** Deadlines of incoming HTTP requests (docs/request-hardening.md). */
  http: HttpServerTimeouts;
  databaseUrl: string;
  logLevel: string;
  jwtSecret: Buffer;
  sessionTtlSeconds: number;
  /** First key encrypts; all keys decrypt (rotation). */
  encryptionKeys: EncryptionKey[];
  /**
   * Keys for HMAC digests of email links, API tokens and OAuth states (MOBIUS_HASH_KEYS): the first hashes,
   * every key verifies, and the last one is the verify-only legacy key derived from JWT_SECRET (docs/secrets.md).
   */
  hashKeys: HashKey[];
  bcryptCost: number;
  /** The worker threads that run bcrypt (docs/login-protection.md). */
  passwordHashing: {
    /** Threads hashing at once: one per core by default. */
    threads: number;
    /** Hashes allowed to wait for a thread; beyond that a login answers RATE_LIMITED at once. */
    maxWaiting: number;
  };
  simulators: {
    enabled: boolean;
    basePort: number;
  };
  mail: {
    sendgridApiKey: string;
    sendgridApiBaseUrl: string;
    from: string;
    fromName: string;
    /** How a failed email is tried again (docs/email-delivery.md §3). */
    retry: {
      /** Delay before the second attempt; it doubles with each further failure… */
      firstDelayMs: number;
      /** …up to this. */
      maxDelayMs: number;
      /** An email still not sent this long after it was queued fails for good (a link's own expiry can end it sooner). */
      windowMs: number;
    };
  };
  intuit: {
    clientId: string;
    clientSecret: string;
    environment: 'sandbox' | 'production';
    authorizeUrl: string;
    tokenUrl: string;
    revokeUrl: string;
    qboApiBaseUrl: string;
    /** Where "Open in QuickBooks" links point, ending in `/app/` (docs/psa-to-qbo-mapping.md). */
    qboAppBaseUrl: string;
    reconnectAfterDays: number;
    /** The token manager's timings (docs/token-manager.md §1). */
    tokens: {
      /** Budget of one Intuit token call, retries included; shorter than the refresh lease. */
      callTimeoutMs: number;
      /** How long a process holds a configuration's refresh lease (outlasts the token call). */
      refreshLeaseMs: number;
      /** An access token that expires within this is refreshed before use. */
      refreshSkewMs: number;
    };
    /** The background QuickBooks connection checker (docs/token-manager.md §1). */
    checker: {
      /** How often it runs (a schedule of the job queue). */
      runEveryMs: number;
      /** A connection whose last check is older than this is validated against QuickBooks again. */
      validateEveryMs: number;
      /** A refresh token whose rolling window ends within this is refreshed (keep-alive). */
      keepAliveWithinMs: number;
    };
  };
  connectWise: {
    clientId: string;
    allowHttp: boolean;
    /** A stored connection is validated again when the dashboard loads and its last check is older than this. */
    recheckAfterMs: number;
    /** Budget of one ConnectWise PSA call while a person waits on Save. */
    timeoutMs: number;
  };
  /** Live connection checks shared by concurrent callers (docs/request-hardening.md). */
  connectionChecks: {
    /** A check's claim lasts this long: longer than a check can take (three ConnectWise calls, or a refresh and CompanyInfo). */
    leaseMs: number;
  };
  /** The job queue (docs/decisions/0001-job-queue-with-two-drivers.md). */
  queue: {
    /** Set: BullMQ on this Redis; unset: the embedded driver in the app's database. */
    redisUrl: string | undefined;
    /** Namespace of the queue's Redis keys (several installations can share one Redis). */
    prefix: string;
    /** Jobs one worker process runs at once. */
    concurrency: number;
    /** How long a claimed job stays claimed without a heartbeat before another worker may resume it. */
    leaseMs: number;
    /** How often the embedded driver looks for due jobs and schedules. */
    pollMs: number;
  };
}

export interface HttpServerTimeouts {
  /** The whole request (headers and body) must arrive within this; 408 and the socket closed otherwise. */
  requestTimeoutMs: number;
  /** The headers must arrive within this (slow-loris). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this; behind a proxy, make it longer than the proxy's. */
  keepAliveTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Mobius cannot start: ${problems.join(' ')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_PORT = 4000;
const SIMULATOR_PORTS = { sendgrid: 1, connectwise: 2, intuit: 3 } as const;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const urlString = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s/]+/i.test(v), `${name} must be an http(s) URL`)
    .transform(stripTrailingSlash);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  APP_URL: urlString('APP_URL').optional(),
  TRUST_PROXY: optionalString,
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DATABASE_URL: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: optionalString,
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  MOBIUS_SECRET_KEY: optionalString,
  MOBIUS_HASH_KEYS: optionalString,
  BCRYPT_COST: z.coerce.number().int().min(12).max(15).default(12),
  PASSWORD_HASH_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  PASSWORD_HASH_MAX_WAITING: z.coerce.number().int().min(0).max(10_000).optional(),
  MOBIUS_SIMULATORS: z.enum(['on', 'off']).optional(),
  SIMULATOR_BASE_PORT: z.coerce.number().int().min(1).max(65000).default(4100),
  SENDGRID_API_KEY: optionalString,
  SENDGRID_API_BASE_URL: urlString('SENDGRID_API_BASE_URL').optional(),
  MAIL_FROM: z.string().trim().email('MAIL_FROM must be an email address').optional(),
  MAIL_FROM_NAME: z.string().trim().min(1).max(100).default('Mobius'),
  MAIL_RETRY_FIRST_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  MAIL_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(10).max(86_400_000).default(1_800_000),
  MAIL_RETRY_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(24 * 60),
  INTUIT_CLIENT_ID: optionalString,
  INTUIT_CLIENT_SECRET: optionalString,
  INTUIT_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
  INTUIT_AUTHORIZE_URL: urlString('INTUIT_AUTHORIZE_URL').optional(),
  INTUIT_TOKEN_URL: urlString('INTUIT_TOKEN_URL').optional(),
  INTUIT_REVOKE_URL: urlString('INTUIT_REVOKE_URL').optional(),
  QBO_API_BASE_URL: urlString('QBO_API_BASE_URL').optional(),
  QBO_APP_BASE_URL: urlString('QBO_APP_BASE_URL').optional(),
  QBO_RECONNECT_AFTER_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 365)
    .default(180),
  QBO_VALIDATE_EVERY_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  CONNECTWISE_CLIENT_ID: optionalString,
  CONNECTWISE_RECHECK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  CONNECTWISE_ALLOW_HTTP: z.enum(['0', '1', 'true', 'false']).optional(),
  REDIS_URL: optionalString.refine(
    (v) => v === undefined || isRedisUrl(v),
    'REDIS_URL must be a redis:// or rediss:// URL (redis://[:password@]host:6379[/db])',
  ),
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,50}$/, 'QUEUE_PREFIX must be 1–50 letters, digits, dots, dashes or underscores')
    .default('mobius'),
  QUEUE_CONCURRENCY: z.coerce.number().int().min(0).max(50).default(2),
  QUEUE_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  QUEUE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
});

type Env = Record<string, string | undefined>;

function isRedisUrl(value: string): boolean {
  if (!/^rediss?:\/\/\S+$/i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Dev/test secrets persist in a file beside the SQLite database so sessions survive restarts. */
function devSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, '.dev-secrets.json');
  let secrets: Record<string, string> = {};
  try {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    secrets = {};
  }
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString('base64');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

function decodeKey(raw: string): Buffer | undefined {
  const trimmed = raw.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const b64 = Buffer.from(trimmed, 'base64');
  return b64.length === 32 ? b64 : undefined;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function loadConfig(env: Env = process.env, options: { dataDir?: string } = {}): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}.`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = options.dataDir ?? path.resolve(process.cwd(), 'data');

  const port = e.PORT;
  const appUrl = e.APP_URL ?? `http://localhost:${port || DEFAULT_PORT}`;
  const simulatorsEnabled = (e.MOBIUS_SIMULATORS ?? (isProduction ? 'off' : 'on')) === 'on';
  if (isProduction && simulatorsEnabled) problems.push('MOBIUS_SIMULATORS must be off in production.');

  const secretOrDev = (name: 'JWT_SECRET' | 'MOBIUS_SECRET_KEY' | 'MOBIUS_HASH_KEYS'): string | undefined => {
    const value = e[name];
    if (value) return value;
    if (isProduction) {
      problems.push(
        `${name} is required in production: set it to 32 random bytes, base64-encoded (openssl rand -base64 32).`,
      );
      return undefined;
    }
    return devSecret(dataDir, name);
  };

  const jwtRaw = secretOrDev('JWT_SECRET');
  let jwtSecret = Buffer.alloc(0);
  if (jwtRaw !== undefined) {
    jwtSecret = Buffer.from(jwtRaw, /^[A-Za-z0-9+/=]+$/.test(jwtRaw) ? 'base64' : 'utf8');
    if (jwtSecret.length < 32) problems.push('JWT_SECRET must hold at least 32 random bytes (base64-encoded).');
  }

  const keyList = (name: 'MOBIUS_SECRET_KEY' | 'MOBIUS_HASH_KEYS'): Array<{ id: string; key: Buffer }> => {
    const raw = secretOrDev(name);
    if (raw === undefined) return [];
    const keys: Array<{ id: string; key: Buffer }> = [];
    for (const part of raw.split(',').filter((p) => p.trim() !== '')) {
      const key = decodeKey(part);
      if (!key) {
        problems.push(`${name} must be 32 bytes, base64- or hex-encoded (comma-separated, newest first, to rotate).`);
        return [];
      }
      keys.push({ id: keyId(key), key });
    }
    if (keys.length === 0) problems.push(`${name} is empty.`);
    return keys;
  };

  const encryptionKeys: EncryptionKey[] = keyList('MOBIUS_SECRET_KEY');
  const hashKeys: HashKey[] = keyList('MOBIUS_HASH_KEYS');
  if (hashKeys.some((h) => encryptionKeys.some((e) => e.key.equals(h.key)))) {
    problems.push(
      'MOBIUS_HASH_KEYS must not reuse a MOBIUS_SECRET_KEY key: generate its own (openssl rand -base64 32).',
    );
  }
  if (jwtRaw !== undefined) {
    // Verify-only: digests made before MOBIUS_HASH_KEYS existed keep working until JWT_SECRET changes.
    hashKeys.push({
      id: LEGACY_HASH_KEY_ID,
      key: createHash('sha256').update('mobius-token-hmac|').update(jwtSecret).digest(),
    });
  }

  if (isProduction) {
    if (!appUrl.startsWith('https://')) problems.push('APP_URL must be an https:// URL in production.');
    if (!e.SENDGRID_API_KEY) problems.push('SENDGRID_API_KEY is required in production.');
    if (!e.MAIL_FROM) problems.push('MAIL_FROM is required in production.');
    if (!e.INTUIT_CLIENT_ID) problems.push('INTUIT_CLIENT_ID is required in production.');
    if (!e.INTUIT_CLIENT_SECRET) problems.push('INTUIT_CLIENT_SECRET is required in production.');
    if (!e.CONNECTWISE_CLIENT_ID) problems.push('CONNECTWISE_CLIENT_ID is required in production.');
    if (!e.DATABASE_URL) problems.push('DATABASE_URL is required in production (mysql://user:pass@host:3306/db).');
  }
  if (isProduction) problems.push(...insecureInProduction(e, jwtRaw, jwtSecret, encryptionKeys, hashKeys));
  const allowHttp = e.CONNECTWISE_ALLOW_HTTP === '1' || e.CONNECTWISE_ALLOW_HTTP === 'true';
  if (isProduction && allowHttp) problems.push('CONNECTWISE_ALLOW_HTTP is for development and tests only.');

  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS.');
  }
  if (e.MAIL_RETRY_MAX_DELAY_MS < e.MAIL_RETRY_FIRST_DELAY_MS) {
    problems.push('MAIL_RETRY_MAX_DELAY_MS must be at least MAIL_RETRY_FIRST_DELAY_MS.');
  }

  const databaseUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'mobius.sqlite')}`;
  if (!/^(sqlite:|mysql:\/\/)/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be sqlite:<path> or mysql://user:pass@host:port/db.');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const simUrl = (which: keyof typeof SIMULATOR_PORTS) =>
    `http://127.0.0.1:${e.SIMULATOR_BASE_PORT + SIMULATOR_PORTS[which]}`;
  const sim = simulatorsEnabled;
  const intuitSim = simUrl('intuit');

  const hashThreads = e.PASSWORD_HASH_THREADS ?? Math.max(1, os.availableParallelism());

  let trustProxy: boolean | string = false;
  if (e.TRUST_PROXY) trustProxy = e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY;

  const config: Config = {
    nodeEnv: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port,
    appUrl,
    trustProxy,
    http: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    databaseUrl,
    logLevel: e.LOG_LEVEL,
    jwtSecret,
    sessionTtlSeconds: Math.round(e.SESSION_TTL_HOURS * 3600),
    encryptionKeys,
    hashKeys,
    bcryptCost: e.BCRYPT_COST,
    passwordHashing: {
      threads: hashThreads,
      maxWaiting: e.PASSWORD_HASH_MAX_WAITING ?? hashThreads * 16,
    },
    simulators: { enabled: sim, basePort: e.SIMULATOR_BASE_PORT },
    mail: {
      sendgridApiKey: e.SENDGRID_API_KEY ?? (sim ? 'SG.simulator-key' : ''),
      sendgridApiBaseUrl: e.SENDGRID_API_BASE_URL ?? (sim ? simUrl('sendgrid') : 'https://api.sendgrid.com'),
      from: e.MAIL_FROM ?? 'no-reply@mobius.local',
      fromName: e.MAIL_FROM_NAME,
      retry: {
        firstDelayMs: e.MAIL_RETRY_FIRST_DELAY_MS,
        maxDelayMs: e.MAIL_RETRY_MAX_DELAY_MS,
        windowMs: e.MAIL_RETRY_WINDOW_MINUTES * 60_000,
      },
    },
    intuit: {
      clientId: e.INTUIT_CLIENT_ID ?? (sim ? 'mobius-simulator-client' : ''),
      clientSecret: e.INTUIT_CLIENT_SECRET ?? (sim ? 'mobius-simulator-secret' : ''),
      environment: e.INTUIT_ENVIRONMENT,
      authorizeUrl:
        e.INTUIT_AUTHORIZE_URL ?? (sim ? `${intuitSim}/connect/oauth2` : 'https://appcenter.intuit.com/connect/oauth2'),
      tokenUrl:
        e.INTUIT_TOKEN_URL ??
        (sim ? `${intuitSim}/oauth2/v1/tokens/bearer` : 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer'),
      revokeUrl:
        e.INTUIT_REVOKE_URL ??
        (sim ? `${intuitSim}/v2/oauth2/tokens/revoke` : 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke'),
      qboApiBaseUrl:
        e.QBO_API_BASE_URL ??
        (sim
          ? intuitSim
          : e.INTUIT_ENVIRONMENT === 'production'
            ? 'https://quickbooks.api.intuit.com'
            : 'https://sandbox-quickbooks.api.intuit.com'),
      qboAppBaseUrl: `${
        e.QBO_APP_BASE_URL ??
        (sim
          ? `${intuitSim}/app`
          : e.INTUIT_ENVIRONMENT === 'production'
            ? 'https://app.qbo.intuit.com/app'
            : 'https://app.sandbox.qbo.intuit.com/app')
      }/`,
      reconnectAfterDays: e.QBO_RECONNECT_AFTER_DAYS,
      tokens: { callTimeoutMs: 12_000, refreshLeaseMs: 25_000, refreshSkewMs: 5 * 60_000 },
      checker: {
        runEveryMs: 60_000,
        validateEveryMs: e.QBO_VALIDATE_EVERY_MINUTES * 60_000,
        keepAliveWithinMs: 30 * 24 * 3600_000,
      },
    },
    connectWise: {
      clientId: e.CONNECTWISE_CLIENT_ID ?? (sim ? '00000000-0000-4000-8000-00000000c11e' : ''),
      allowHttp: allowHttp || (sim && !isProduction),
      recheckAfterMs: e.CONNECTWISE_RECHECK_MINUTES * 60_000,
      timeoutMs: 10_000,
    },
    connectionChecks: { leaseMs: 2 * 60_000 },
    queue: {
      redisUrl: e.REDIS_URL,
      prefix: e.QUEUE_PREFIX,
      concurrency: e.QUEUE_CONCURRENCY,
      leaseMs: e.QUEUE_LEASE_SECONDS * 1000,
      pollMs: e.QUEUE_POLL_MS,
    },
  };
  return Object.freeze(config);
}

/** Fewer distinct byte values than this in a 32-byte secret is a pattern, not randomness (random: about 30). */
const MIN_DISTINCT_SECRET_BYTES = 16;

function looksRandom(secret: Buffer): boolean {
  return new Set(secret).size >= MIN_DISTINCT_SECRET_BYTES;
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * What a production start refuses beyond missing values (docs/security.md, production configuration): secrets
 * that are not random or serve two purposes, vendor endpoints in clear text, a proxy setting that lets any
 * client choose the address the throttles count, and a SendGrid key that is not one.
 */
function insecureInProduction(
  e: z.infer<typeof envSchema>,
  jwtRaw: string | undefined,
  jwtSecret: Buffer,
  encryptionKeys: EncryptionKey[],
  hashKeys: HashKey[],
): string[] {
  const problems: string[] = [];
  const ownHashKeys = hashKeys.filter((k) => k.id !== LEGACY_HASH_KEY_ID);
  if (jwtRaw !== undefined && jwtSecret.length >= 32) {
    if (!/^[A-Za-z0-9+/=]+$/.test(jwtRaw)) {
      problems.push('JWT_SECRET must be random bytes, base64-encoded (openssl rand -base64 32), not a passphrase.');
    } else if (!looksRandom(jwtSecret)) {
      problems.push(
        'JWT_SECRET is not random (it repeats a few byte values): generate it with openssl rand -base64 32.',
      );
    }
  }
  if (encryptionKeys.some((k) => !looksRandom(k.key))) {
    problems.push(
      'MOBIUS_SECRET_KEY is not random (it repeats a few byte values): generate it with openssl rand -base64 32.',
    );
  }
  if (jwtSecret.length > 0 && encryptionKeys.some((k) => k.key.equals(jwtSecret))) {
    problems.push('JWT_SECRET and MOBIUS_SECRET_KEY must be different secrets (each serves one purpose).');
  }
  if (ownHashKeys.some((k) => !looksRandom(k.key))) {
    problems.push(
      'MOBIUS_HASH_KEYS is not random (it repeats a few byte values): generate it with openssl rand -base64 32.',
    );
  }
  if (jwtSecret.length > 0 && ownHashKeys.some((k) => k.key.equals(jwtSecret))) {
    problems.push('JWT_SECRET and MOBIUS_HASH_KEYS must be different secrets (each serves one purpose).');
  }
  const endpoints = {
    SENDGRID_API_BASE_URL: e.SENDGRID_API_BASE_URL,
    INTUIT_AUTHORIZE_URL: e.INTUIT_AUTHORIZE_URL,
    INTUIT_TOKEN_URL: e.INTUIT_TOKEN_URL,
    INTUIT_REVOKE_URL: e.INTUIT_REVOKE_URL,
    QBO_API_BASE_URL: e.QBO_API_BASE_URL,
    QBO_APP_BASE_URL: e.QBO_APP_BASE_URL,
  };
  for (const [name, url] of Object.entries(endpoints)) {
    // Plain HTTP only to this machine (a local proxy or sidecar): keys and tokens never cross a network in clear.
    if (url && !url.startsWith('https://') && !isLoopbackUrl(url)) {
      problems.push(`${name} must be an https:// URL in production (plain http only to 127.0.0.1 or localhost).`);
    }
  }
  if (e.TRUST_PROXY === 'true') {
    problems.push(
      'TRUST_PROXY=true trusts X-Forwarded-For from anyone, so any client could choose the address the login throttle counts: in production set the number of proxies in front of Mobius (e.g. 1) or their addresses.',
    );
  }
  if (e.SENDGRID_API_KEY && !e.SENDGRID_API_KEY.startsWith('SG.')) {
    problems.push('SENDGRID_API_KEY must be a SendGrid API key (it starts with "SG.").');
  }
  return problems;
}

/** loadConfig() for a process entry point: a bad environment prints its sentence and exits 1. */
export function loadConfigOrExit(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Ports the development simulators listen on (docs/product.md §10). */
export function simulatorPorts(basePort: number) {
  return {
    sendgrid: basePort + SIMULATOR_PORTS.sendgrid,
    connectwise: basePort + SIMULATOR_PORTS.connectwise,
    intuit: basePort + SIMULATOR_PORTS.intuit,
  };
}
