import express, { type Express, type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { listenOnLoopback, type RunningServer } from '../http';
import { compileConditions, ConditionsError } from './connectwise.conditions';
import { createDemoTenant, type SeedOptions } from './connectwise.seed';
import { ConnectWiseSimulatorState, invalid, type Json, type TenantState } from './connectwise.state';
import type { ErrorBody, SimMember, SimTenantSeed } from './connectwise.types';

/**
 * A ConnectWise PSA (Manage) REST API stand-in, faithful to apis.md §1: /login/companyinfo, then
 * /{codebase}apis/3.0/... with Basic `companyId+publicKey:privateKey`, a required clientId header, 401/403/429,
 * page/pageSize with an RFC 5988 Link header, conditions, the GL export and accounting batches.
 */

export interface ConnectWiseFaults {
  /** Every API request answers 429. */
  throttle: boolean;
  /** The next N API requests answer 429. */
  throttleNext: number;
  /** Retry-After (seconds) of forced throttling. */
  retryAfterSeconds: number;
  /** Per API member, over a rolling minute (ConnectWise: ~1000/min). */
  requestsPerMinute: number;
  /** Delay before every answer, companyinfo included. */
  slowMs: number;
  /** The next N API requests answer failStatus. */
  failNext5xx: number;
  failStatus: number;
  /** Every API key is refused with 401, as if the API members' keys were deleted. */
  revokeKeys: boolean;
}

export const DEFAULT_FAULTS: Readonly<ConnectWiseFaults> = Object.freeze({
  throttle: false,
  throttleNext: 0,
  retryAfterSeconds: 30,
  requestsPerMinute: 1000,
  slowMs: 0,
  failNext5xx: 0,
  failStatus: 500,
  revokeKeys: false,
});

const faultsSchema = z
  .object({
    throttle: z.boolean(),
    throttleNext: z.number().int().min(0).max(10_000),
    retryAfterSeconds: z.number().int().min(0).max(3600),
    requestsPerMinute: z.number().int().min(1).max(1_000_000),
    slowMs: z.number().int().min(0).max(120_000),
    failNext5xx: z.number().int().min(0).max(10_000),
    failStatus: z.number().int().min(500).max(599),
    revokeKeys: z.boolean(),
  })
  .partial()
  .strict();

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** The API member that authenticated, if any (keys themselves are never recorded). */
  member?: string;
  clientId?: string;
  accept?: string;
}

export interface ConnectWiseSimulatorOptions extends SeedOptions {
  /**
   * SiteUrl in /login/companyinfo: 'self' (default) echoes the Host the request came to, so on loopback it points
   * back at this simulator with its port; 'omit' leaves it out (clients then use the Site); a string is sent as is.
   */
  siteUrl?: 'self' | 'omit' | string;
  /** Replace the demo company (e.g. to add tenants in a test). */
  tenants?: () => SimTenantSeed[];
  faults?: Partial<ConnectWiseFaults>;
  /** Mount the JSON control API under /__control (default true). */
  controlApi?: boolean;
  now?: () => Date;
}

export interface ConnectWiseSimulatorControls {
  faults(): ConnectWiseFaults;
  setFaults(faults: Partial<ConnectWiseFaults>): ConnectWiseFaults;
  /** Clears faults, rate windows and the request log, and reseeds the data. */
  reset(): void;
  /** Revokes one public key of a company (all members when omitted), as deleting its keys in PSA would. */
  revokeKeys(companyId: string, publicKey?: string): void;
  requests(): RecordedRequest[];
  clearRequests(): void;
}

export interface ConnectWiseSimulator {
  app: Express;
  controls: ConnectWiseSimulatorControls;
  state: ConnectWiseSimulatorState;
}

/** What ConnectWise calls the stable codebase alias; it answers on cloud and on premise alike (apis.md §1.1). */
const STABLE_CODEBASE = 'v4_6_release';
const CLIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LOG = 500;
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 1000;

const errorBody = (code: string, message: string): ErrorBody => ({ code, message, errors: null });
const notFound = () => errorBody('NotFound', 'The requested resource was not found.');

interface ApiLocals {
  tenant: TenantState;
  member: SimMember;
  baseUrl: string;
}

function locals(res: Response): ApiLocals {
  return res.locals as ApiLocals;
}

function firstQueryValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstQueryValue(value[0]);
  return typeof value === 'string' ? value : undefined;
}

/** ConnectWise treats query parameter names case-insensitively (pageSize, pagesize, PageSize...). */
function query(req: Request): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    const first = firstQueryValue(value);
    if (first !== undefined && result[key.toLowerCase()] === undefined) result[key.toLowerCase()] = first;
  }
  return result;
}

function parseId(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

function project(record: Json, fields: string | undefined): Json {
  if (!fields) return record;
  const result: Json = {};
  for (const field of fields
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const path = field.split('/');
    let source: unknown = record;
    let target = result;
    path.forEach((segment, index) => {
      if (typeof source !== 'object' || source === null) return;
      const value = (source as Json)[segment];
      if (value === undefined) return;
      if (index === path.length - 1) target[segment] = value;
      else {
        target[segment] = (target[segment] as Json | undefined) ?? {};
        target = target[segment] as Json;
        source = value;
      }
    });
  }
  return result;
}

function sortRecords(records: Json[], orderBy: string | undefined): Json[] {
  const [field, direction] = (orderBy ?? 'id asc').trim().split(/\s+/);
  const path = field.split('/');
  const read = (record: Json) => path.reduce<unknown>((value, key) => (value as Json | undefined)?.[key], record);
  const sign = direction?.toLowerCase() === 'desc' ? -1 : 1;
  return [...records].sort((a, b) => {
    const left = read(a);
    const right = read(b);
    if (left === right) return 0;
    if (left === undefined || left === null) return -sign;
    if (right === undefined || right === null) return sign;
    return (left < right ? -1 : 1) * sign;
  });
}

/** page/pageSize, conditions, orderBy, fields; sets the Link header with first/prev/next/last. */
function sendList(req: Request, res: Response, records: Json[]): void {
  const params = query(req);
  const pageSizeText = params.pagesize;
  const pageText = params.page;
  if (pageSizeText !== undefined && !/^\d{1,9}$/.test(pageSizeText)) {
    res.status(400).json(invalid('pageSize must be a positive integer.', 'pageSize', 'query'));
    return;
  }
  if (pageText !== undefined && !/^[1-9]\d{0,8}$/.test(pageText)) {
    res.status(400).json(invalid('page must be a positive integer.', 'page', 'query'));
    return;
  }
  const pageSize = Math.min(Math.max(Number(pageSizeText ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const page = Number(pageText ?? 1);
  let filtered: Json[];
  try {
    const matches = compileConditions(params.conditions);
    filtered = sortRecords(records.filter(matches), params.orderby);
  } catch (error) {
    if (error instanceof ConditionsError) {
      res.status(400).json(invalid(error.message, 'conditions', 'query'));
      return;
    }
    throw error;
  }
  const lastPage = Math.max(1, Math.ceil(filtered.length / pageSize));
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`);
  const pageUrl = (number: number) => {
    const copy = new URL(url);
    for (const key of [...copy.searchParams.keys()]) {
      if (key.toLowerCase() === 'page' || key.toLowerCase() === 'pagesize') copy.searchParams.delete(key);
    }
    copy.searchParams.set('pageSize', String(pageSize));
    copy.searchParams.set('page', String(number));
    return copy.toString();
  };
  const links = [`<${pageUrl(1)}>; rel="first"`];
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`);
  links.push(`<${pageUrl(lastPage)}>; rel="last"`);
  res.set('Link', links.join(', '));
  const slice = filtered.slice((page - 1) * pageSize, page * pageSize);
  res.json(slice.map((record) => project(record, params.fields)));
}

function sendCount(req: Request, res: Response, records: Json[]): void {
  try {
    res.json({ count: records.filter(compileConditions(query(req).conditions)).length });
  } catch (error) {
    if (error instanceof ConditionsError) {
      res.status(400).json(invalid(error.message, 'conditions', 'query'));
      return;
    }
    throw error;
  }
}

export function createConnectWiseSimulator(options: ConnectWiseSimulatorOptions = {}): ConnectWiseSimulator {
  const now = options.now ?? (() => new Date());
  const seed =
    options.tenants ?? (() => [createDemoTenant({ seed: options.seed, invoiceCount: options.invoiceCount })]);
  const state = new ConnectWiseSimulatorState(seed, now);
  const initialFaults: ConnectWiseFaults = { ...DEFAULT_FAULTS, ...faultsSchema.parse(options.faults ?? {}) };
  let faults: ConnectWiseFaults = { ...initialFaults };
  let log: RecordedRequest[] = [];
  const windows = new Map<string, number[]>();

  const controls: ConnectWiseSimulatorControls = {
    faults: () => ({ ...faults }),
    setFaults: (changes) => {
      faults = { ...faults, ...faultsSchema.parse(changes) };
      return { ...faults };
    },
    reset: () => {
      faults = { ...initialFaults };
      log = [];
      windows.clear();
      state.reset();
    },
    revokeKeys: (companyId, publicKey) => {
      const tenant = state.tenant(companyId);
      if (!tenant) return;
      for (const member of tenant.members) {
        if (publicKey === undefined || member.publicKey === publicKey) tenant.revokedKeys.add(member.publicKey);
      }
    },
    requests: () => [...log],
    clearRequests: () => {
      log = [];
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  if (options.controlApi !== false) app.use('/__control', controlRouter(controls, state));

  // Request log and slowness apply to everything the product can call.
  app.use((req, res, next) => {
    const path = req.originalUrl.split('?')[0];
    res.on('finish', () => {
      const member = (res.locals as Partial<ApiLocals>).member?.identifier;
      log.push({
        method: req.method,
        path,
        status: res.statusCode,
        ...(member ? { member } : {}),
        ...(req.get('clientid') ? { clientId: req.get('clientid') } : {}),
        ...(req.get('accept') ? { accept: req.get('accept') } : {}),
      });
      if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
    });
    if (faults.slowMs <= 0) {
      next();
      return;
    }
    let closed = false;
    const timer = setTimeout(() => {
      res.off('close', onClose);
      if (!closed) next();
    }, faults.slowMs);
    const onClose = () => {
      closed = true;
      clearTimeout(timer);
    };
    res.once('close', onClose);
  });

  // Unknown company: 200 with a JSON `null` body. apis.md §1.1 leaves this undocumented; clients in the wild read
  // `.Codebase` from a 200, so this is the case that proves "missing Codebase = company not found".
  app.get('/login/companyinfo/:companyId', (req, res) => {
    const tenant = state.tenant(req.params.companyId);
    res.set('Cache-Control', 'no-cache');
    if (!tenant) {
      res.json(null);
      return;
    }
    const siteUrl = options.siteUrl ?? 'self';
    res.json({
      CompanyName: tenant.companyName,
      Codebase: tenant.codebase,
      VersionCode: tenant.versionCode,
      VersionNumber: tenant.versionNumber,
      CompanyID: tenant.companyId,
      IsCloud: tenant.isCloud ? 'True' : 'False',
      ...(siteUrl === 'omit' ? {} : { SiteUrl: siteUrl === 'self' ? (req.get('host') ?? '') : siteUrl }),
    });
  });

  app.use(
    '/:codebase/apis/3.0',
    apiRouter(state, () => faults, windows),
  );
  app.use((_req, res) => {
    res.status(404).json(notFound());
  });
  return { app, controls, state };
}

function apiRouter(
  state: ConnectWiseSimulatorState,
  faults: () => ConnectWiseFaults,
  windows: Map<string, number[]>,
): Router {
  const router = Router({ mergeParams: true });
  const knownCodebase = (codebase: string) =>
    codebase === STABLE_CODEBASE || state.tenants.some((tenant) => tenant.codebase === `${codebase}/`);

  router.use((req: Request<{ codebase: string }>, res, next) => {
    if (!knownCodebase(req.params.codebase)) {
      res.status(404).json(notFound());
      return;
    }
    res.set('api-current-version', '2025.1');
    const current = faults();
    if (current.failNext5xx > 0) {
      current.failNext5xx -= 1;
      res.status(current.failStatus).json(errorBody('UnexpectedError', 'An unexpected error has occurred.'));
      return;
    }
    next();
  });

  // Basic companyId+publicKey:privateKey. Wrong company, wrong keys and revoked keys all answer the same 401.
  router.use((req: Request<{ codebase: string }>, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = colon === -1 ? '' : decoded.slice(0, colon);
    const plus = user.indexOf('+');
    const tenant = plus > 0 ? state.tenant(user.slice(0, plus)) : undefined;
    const member = tenant && state.member(tenant, user.slice(plus + 1), decoded.slice(colon + 1));
    if (!tenant || !member || faults().revokeKeys) {
      res
        .status(401)
        .json(errorBody('Unauthorized', 'Authentication failed: invalid company, public key or private key.'));
      return;
    }
    if (req.params.codebase !== STABLE_CODEBASE && `${req.params.codebase}/` !== tenant.codebase) {
      res.status(404).json(notFound());
      return;
    }
    const host = req.get('host') ?? '127.0.0.1';
    Object.assign(res.locals, { tenant, member, baseUrl: `${req.protocol}://${host}/${req.params.codebase}/apis/3.0` });
    next();
  });

  router.use((req, res, next) => {
    const clientId = req.get('clientid');
    if (!clientId || !CLIENT_ID.test(clientId.trim())) {
      res
        .status(400)
        .json(
          errorBody(
            'InvalidObject',
            'A valid clientId header is required. Register your integration at developer.connectwise.com to get a clientId.',
          ),
        );
      return;
    }
    next();
  });

  router.use((_req, res, next) => {
    const current = faults();
    const memberKey = `${locals(res).tenant.companyId}/${locals(res).member.identifier}`;
    const time = Date.now();
    const window = (windows.get(memberKey) ?? []).filter((stamp) => time - stamp < 60_000);
    let retryAfter: number | undefined;
    if (current.throttle) retryAfter = current.retryAfterSeconds;
    else if (current.throttleNext > 0) {
      current.throttleNext -= 1;
      retryAfter = current.retryAfterSeconds;
    } else if (window.length >= current.requestsPerMinute) {
      retryAfter = Math.max(1, Math.ceil((window[0] + 60_000 - time) / 1000));
    }
    if (retryAfter !== undefined) {
      windows.set(memberKey, window);
      res
        .status(429)
        .set('Retry-After', String(retryAfter))
        .json({ error: 'ConnectWiseAPI', message: `Too many requests. Please try again in ${retryAfter} seconds.` });
      return;
    }
    window.push(time);
    windows.set(memberKey, window);
    next();
  });

  router.use((req, res, next) => {
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
      if (!req.is('application/json')) {
        res.status(415).json(errorBody('UnsupportedMediaType', 'The request body must be application/json.'));
        return;
      }
    }
    next();
  });
  router.use(express.json({ limit: '5mb' }));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json(errorBody('InvalidObject', 'The request body is not valid JSON.'));
      return;
    }
    next(error);
  });

  router.get('/system/info', (_req, res) => {
    const { tenant } = locals(res);
    res.json({
      version: tenant.serverVersion,
      isCloud: tenant.isCloud,
      serverTimeZone: tenant.serverTimeZone,
      licenseBits: [
        { name: 'ServiceDesk', activeFlag: true },
        { name: 'Finance', activeFlag: true },
        { name: 'Procurement', activeFlag: true },
        { name: 'Project', activeFlag: true },
      ],
      cloudRegion: tenant.isCloud ? 'NA' : '',
    });
  });

  const companies = (res: Response) => {
    const { tenant, baseUrl } = locals(res);
    return tenant.companies.map((company) => state.companyPayload(baseUrl, tenant, company));
  };
  router.get('/company/companies', (req, res) => sendList(req, res, companies(res)));
  router.get('/company/companies/count', (req, res) => sendCount(req, res, companies(res)));
  router.get('/company/companies/:id', (req, res) => {
    const record = companies(res).find((company) => company.id === parseId(req.params.id));
    if (!record) res.status(404).json(notFound());
    else res.json(project(record, query(req).fields));
  });

  router.use('/finance', (_req, res, next) => {
    const { member } = locals(res);
    if (!member.financeAccess) {
      res
        .status(403)
        .json(
          errorBody(
            'NotAuthorized',
            `Member '${member.identifier}' does not have access to this resource. Please check the member's ` +
              'security role settings (Finance > Accounting Interface).',
          ),
        );
      return;
    }
    next();
  });

  const unposted = (res: Response) => {
    const { tenant, baseUrl } = locals(res);
    return state.unposted(tenant).map((invoice) => state.invoicePayload(baseUrl, tenant, invoice));
  };
  router.get('/finance/accounting/unpostedinvoices', (req, res) => sendList(req, res, unposted(res)));
  router.get('/finance/accounting/unpostedinvoices/count', (req, res) => sendCount(req, res, unposted(res)));
  router.get('/finance/accounting/unpostedinvoices/:id', (req, res) => {
    const record = unposted(res).find((invoice) => invoice.id === parseId(req.params.id));
    if (!record) res.status(404).json(notFound());
    else res.json(project(record, query(req).fields));
  });

  router.post('/finance/accounting/export', (req, res) => {
    const { tenant, baseUrl } = locals(res);
    const outcome = state.exportSelection(tenant, req.body);
    if (!outcome.ok) res.status(outcome.status).json(outcome.body);
    else res.status(200).json(state.glExport(baseUrl, tenant, outcome.value));
  });

  const batches = (res: Response) => {
    const { tenant, baseUrl } = locals(res);
    return tenant.batches.map((batch) => state.batchPayload(baseUrl, batch));
  };
  router.get('/finance/accounting/batches', (req, res) => sendList(req, res, batches(res)));
  router.get('/finance/accounting/batches/count', (req, res) => sendCount(req, res, batches(res)));
  router.post('/finance/accounting/batches', (req, res) => {
    const { tenant, baseUrl } = locals(res);
    const outcome = state.createBatch(tenant, req.body);
    if (!outcome.ok) res.status(outcome.status).json(outcome.body);
    else res.status(201).json(state.glExport(baseUrl, tenant, outcome.value.invoices));
  });
  router.get('/finance/accounting/batches/:id', (req, res) => {
    const record = batches(res).find((batch) => batch.id === parseId(req.params.id));
    if (!record) res.status(404).json(notFound());
    else res.json(record);
  });
  router.delete('/finance/accounting/batches/:id', (req, res) => {
    const id = parseId(req.params.id);
    if (id === undefined || !state.deleteBatch(locals(res).tenant, id)) res.status(404).json(notFound());
    else res.status(204).end();
  });
  router.post('/finance/accounting/batches/:id/export', (req, res) => {
    const { tenant, baseUrl } = locals(res);
    const batch = tenant.batches.find((candidate) => candidate.id === parseId(req.params.id));
    if (!batch) res.status(404).json(notFound());
    else res.json(state.glExport(baseUrl, tenant, state.batchInvoices(tenant, batch)));
  });

  router.use((_req, res) => {
    res.status(404).json(notFound());
  });
  return router;
}

function controlRouter(controls: ConnectWiseSimulatorControls, state: ConnectWiseSimulatorState): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.get('/faults', (_req, res) => {
    res.json(controls.faults());
  });
  router.post('/faults', (req, res) => {
    const parsed = faultsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid faults', issues: parsed.error.issues.map((issue) => issue.message) });
      return;
    }
    res.json(controls.setFaults(parsed.data));
  });
  router.post('/reset', (_req, res) => {
    controls.reset();
    res.json({ ok: true });
  });
  router.post('/revoke', (req, res) => {
    const body = (req.body ?? {}) as { companyId?: unknown; publicKey?: unknown };
    if (typeof body.companyId !== 'string') {
      res.status(400).json({ error: 'companyId is required' });
      return;
    }
    controls.revokeKeys(body.companyId, typeof body.publicKey === 'string' ? body.publicKey : undefined);
    res.json({ ok: true });
  });
  router.get('/requests', (_req, res) => {
    res.json(controls.requests());
  });
  router.get('/state', (_req, res) => {
    res.json({
      tenants: state.tenants.map((tenant) => ({
        companyId: tenant.companyId,
        unpostedInvoices: state.unposted(tenant).length,
        postedInvoices: tenant.invoices.length - state.unposted(tenant).length,
        batches: tenant.batches.map((batch) => ({ ...batch })),
      })),
    });
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: 'body is not valid JSON' });
      return;
    }
    next(error);
  });
  return router;
}

export async function startConnectWiseSimulator(
  options: ConnectWiseSimulatorOptions & { port?: number } = {},
): Promise<RunningServer & ConnectWiseSimulator> {
  const simulator = createConnectWiseSimulator(options);
  const server = await listenOnLoopback(simulator.app, options.port ?? 0);
  return { ...server, ...simulator };
}
