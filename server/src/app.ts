import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import { simulatorPorts, type Config } from './config';
import type { GraphQLContext, PrincipalKind } from './graphql/context';
import { databaseAnswers } from './db/health';
import { armorProtection, maxMutationFieldsRule, parseOptions } from './graphql/document-limits';
import { createFormatError } from './graphql/format-error';
import { wellFormedVariablesPlugin } from './graphql/well-formed-variables';
import { createSchema, ResolverContainer } from './graphql/schema';
import { contextFailure, serviceUnavailablePlugin } from './graphql/service-unavailable';
import { createSendGridMailer, type Mailer } from './integrations/sendgrid/sendgrid-mailer';
import { requestLog } from './lib/request-log';
import {
  databaseUnavailable,
  DATABASE_RETRY_AFTER_SECONDS,
  InvalidCredentialsError,
  isDatabaseUnavailable,
} from './lib/errors';
import { systemClock, type Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { features } from './modules';
import type { Account } from './modules/account';
import { apiTokensFeature, looksLikeApiToken, type ApiTokenService } from './modules/api-tokens';
import { authFeature, type AuthService } from './modules/auth';
import { connectWiseFeature, type ConnectWiseService } from './modules/connectwise';
import { buildFeatures } from './modules/feature';
import { importsFeature, type ImportsModule, type ImportTuning } from './modules/imports';
import { mailFeature, type MailOutbox, type SweepTuning } from './modules/mail';
import { quickBooksFeature, type QuickBooksServices } from './modules/quickbooks';
import { createJobQueue, type JobQueue, type QueueSettings } from './queue';
import { QUEUE_PROBE_JOB, queueProbeHandler } from './queue/probe.job';

export interface AppDeps {
  config: Readonly<Config>;
  dataSource: DataSource;
  logger: Logger;
  clock?: Clock;
  /** Defaults to SendGrid (or its simulator) as configured. */
  mailer?: Mailer;
  /** Where the built dashboard lives; defaults to client/dist. */
  clientDistDir?: string;
  /** Starts the features' background work: their schedules, e.g. the QuickBooks connection checker (default true; tests call its runOnce()). */
  backgroundChecks?: boolean;
  /**
   * Whether this process works queued jobs: by default when QUEUE_CONCURRENCY > 0 (0: a web process that
   * only enqueues, beside `npm run worker`); true forces at least one (the worker process); false never.
   */
  runJobs?: boolean;
  /** Overrides of the queue settings from config (tests poll faster). */
  queue?: Partial<QueueSettings>;
  /** Overrides of the import's durations and pacing (tests). */
  imports?: Partial<ImportTuning>;
  /** Overrides of the email outbox sweep's timings (tests). */
  mail?: Partial<SweepTuning>;
}

export interface MobiusApp {
  express: Express;
  services: {
    auth: AuthService;
    connectWise: ConnectWiseService;
    quickBooks: QuickBooksServices;
    quickBooksChecker: QuickBooksServices['checker'];
    apiTokens: ApiTokenService;
    imports: ImportsModule;
    mail: MailOutbox;
  };
  queue: JobQueue;
  close(): Promise<void>;
}

const BODY_LIMIT = '100kb';
/** /healthz reports the database down when it has not answered within this long (a hung server too). */
const HEALTH_DATABASE_TIMEOUT_MS = 3_000;
const DEFAULT_CLIENT_DIST = path.resolve(__dirname, '../../client/dist');

/** The whole product as an Express app; index.ts and the tests boot this same function. */
export async function createApp(deps: AppDeps): Promise<MobiusApp> {
  const { config, dataSource, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const mailer =
    deps.mailer ??
    createSendGridMailer({
      apiKey: config.mail.sendgridApiKey,
      baseUrl: config.mail.sendgridApiBaseUrl,
      from: { email: config.mail.from, name: config.mail.fromName },
    });
  const queueSettings = { ...config.queue, ...deps.queue };
  const queue = createJobQueue({ config: queueSettings, dataSource, logger });
  const built = buildFeatures(features, {
    config,
    dataSource,
    clock,
    logger,
    mailer,
    jobs: queue,
    tuning: { imports: deps.imports, mail: deps.mail },
  });
  const { auth, sessionCookie } = built.use(authFeature);
  const { apiTokens } = built.use(apiTokensFeature);
  const quickBooks = built.use(quickBooksFeature);
  if (deps.backgroundChecks ?? true) await built.start();
  const concurrency = deps.runJobs === true ? Math.max(1, queueSettings.concurrency) : queueSettings.concurrency;
  if (deps.runJobs !== false && concurrency > 0) {
    await queue.work({ ...built.jobs, [QUEUE_PROBE_JOB]: queueProbeHandler(logger) }, { concurrency });
  }

  const schema = await createSchema(new ResolverContainer(built.resolvers));
  const armor = armorProtection();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    // index.ts owns shutdown (HTTP, app, simulators, database, in that order).
    stopOnTerminationSignals: false,
    formatError: createFormatError(logger),
    parseOptions,
    plugins: [
      ...armor.plugins,
      wellFormedVariablesPlugin<GraphQLContext>(),
      ...built.plugins,
      serviceUnavailablePlugin<GraphQLContext>(),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the default plugin would otherwise hook every field of every answer.
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: [...armor.validationRules, maxMutationFieldsRule],
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
  await apollo.start();

  const servedOverHttps = config.appUrl.startsWith('https://');

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestLog(logger));
  app.use((req, res, next) => {
    if (req.method === 'TRACE' || req.method === 'TRACK') {
      res.status(405).set('Allow', 'GET, POST, HEAD, OPTIONS').json({ error: 'Method not allowed' });
      return;
    }
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: servedOverHttps ? [] : null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: servedOverHttps ? { maxAge: 31536000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(cookieParser());

  // Load balancers and monitors: 200 when the database answers, 503 (and which part is down) when not.
  app.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (await databaseAnswers(dataSource, HEALTH_DATABASE_TIMEOUT_MS)) {
      res.json({ status: 'ok', database: 'ok' });
      return;
    }
    res
      .status(503)
      .set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
      .json({ status: 'unavailable', database: 'unavailable' });
  });

  const contextFor = async (req: Request, res: Response): Promise<GraphQLContext> => {
    try {
      return await buildContext(req, res);
    } catch (error) {
      throw contextFailure(error);
    }
  };

  const buildContext = async (req: Request, res: Response): Promise<GraphQLContext> => {
    let account: Account | null = null;
    let principal: PrincipalKind | null = null;
    let sessionId: string | null = null;
    const header = req.get('authorization')?.trim();
    if (header) {
      // An API client that sends a credential hears plainly when it is refused: HTTP 401, never a quiet
      // anonymous answer (docs/security.md). The dashboard sends none: its session is the cookie below.
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
      if (match?.[1] && looksLikeApiToken(match[1])) {
        account = await apiTokens.authenticate(match[1]);
        principal = account ? 'api-token' : null;
      } else if (match?.[1]) {
        const session = await auth.authenticate(match[1]);
        account = session?.account ?? null;
        sessionId = session?.sessionId ?? null;
      }
      if (!account) throw new InvalidCredentialsError();
    } else {
      const cookie = sessionCookie.read(req);
      const session = cookie ? await auth.authenticate(cookie) : null;
      account = session?.account ?? null;
      sessionId = session?.sessionId ?? null;
    }
    return {
      req,
      res,
      ip: req.ip ?? 'unknown',
      requestId: String(req.id ?? ''),
      account,
      principal: principal ?? (account ? 'session' : null),
      sessionId,
      setSession: (token, expiresAt) => sessionCookie.set(res, token, expiresAt),
      clearSession: () => sessionCookie.clear(res),
    };
  };

  app.use(
    '/graphql',
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    },
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, { context: ({ req, res }) => contextFor(req, res) }),
  );

  for (const route of built.routes) app[route.method](route.path, route.handler);

  mountDashboard(app, deps.clientDistDir ?? DEFAULT_CLIENT_DIST, config);

  const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
    if (isDatabaseUnavailable(error)) {
      const unavailable = databaseUnavailable();
      logger.warn({ event: 'database.unavailable', err: error }, 'the database is unavailable');
      res
        .status(503)
        .set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
        .json({ errors: [{ message: unavailable.message, extensions: { code: unavailable.code } }] });
      return;
    }
    const errorStatus = (error as { status?: unknown } | undefined)?.status;
    const status = typeof errorStatus === 'number' ? errorStatus : 500;
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const message =
      status === 413
        ? 'The request body is too large (limit 100 KB).'
        : status === 400
          ? 'The request body is not valid JSON.'
          : 'Something went wrong on our side.';
    res.status(status).json({
      errors: [
        {
          message,
          extensions: {
            code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR',
          },
        },
      ],
    });
  };
  app.use(errorHandler);

  return {
    express: app,
    services: {
      auth,
      connectWise: built.use(connectWiseFeature).service,
      quickBooks,
      quickBooksChecker: quickBooks.checker,
      apiTokens,
      imports: built.use(importsFeature),
      mail: built.use(mailFeature).mail,
    },
    queue,
    close: async () => {
      await queue.close();
      await built.stop();
      await apollo.stop();
    },
  };
}

/** Serves the built dashboard and lets the client router handle deep links. */
function mountDashboard(app: Express, distDir: string, config: Readonly<Config>): void {
  const indexFile = path.join(distDir, 'index.html');
  if (config.isProduction) {
    // The build makes no source maps; one left in the folder by an older or a development build is not served.
    app.use((req, res, next) => {
      if (req.path.endsWith('.map')) res.status(404).type('text').send('Not found');
      else next();
    });
  }
  // The dashboard's files go out compressed (the first load's JavaScript is 591 KB raw, 168 KB gzip:
  // docs/performance.md §7). Mounted here, after /graphql, so API answers are not: they are small and hot.
  app.use(compression());
  app.use(
    express.static(distDir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
        // Vite names every asset by its content's hash: a new build makes new names.
        else if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  // A missing asset is a 404, not the dashboard page.
  app.use('/assets', (_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  app.get(/^\/(?!graphql|oauth|healthz).*/, (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text')
        .send('The dashboard is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    let html = fs.readFileSync(indexFile, 'utf8');
    if (config.simulators.enabled) {
      // Demo mode: the dashboard links to the mailbox and offers the demo ConnectWise company.
      const ports = simulatorPorts(config.simulators.basePort);
      html = html
        .replace(
          /<meta name="mobius-mailbox-url" content="[^"]*"/,
          `<meta name="mobius-mailbox-url" content="http://localhost:${ports.sendgrid}/"`,
        )
        .replace(
          /<meta name="mobius-demo-connectwise-site" content="[^"]*"/,
          `<meta name="mobius-demo-connectwise-site" content="http://127.0.0.1:${ports.connectwise}"`,
        );
    }
    res.set('Cache-Control', 'no-store').type('html').send(html);
  });
}
