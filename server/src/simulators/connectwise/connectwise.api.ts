import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { ConnectWiseFaults } from './connectwise.faults';
import { BATCH_ENTRY_FIELDS, BATCH_FIELDS, COMPANY_FIELDS, UNPOSTED_INVOICE_FIELDS } from './connectwise.fields';
import { batchEntryPayloads } from './connectwise.gl';
import { CREATE_BATCH_REQUEST, EXPORT_REQUEST, unreadableField, type RequestModel } from './connectwise.json-reader';
import { errorBody, notFound, parseId, project, query, sendCount, sendList } from './connectwise.listing';
import { batchPayload, companyPayload, glExport, invoicePayload } from './connectwise.payloads';
import type { ConnectWiseSimulatorState, TenantState } from './connectwise.state';
import type { SimMember } from './connectwise.types';

/** /{codebase}apis/3.0: codebase check, 5xx faults, Basic auth, clientId, throttling, then the resources. */

/** What ConnectWise calls the stable codebase alias; it answers on cloud and on premise alike (docs/vendors/connectwise-psa.md §1). */
const STABLE_CODEBASE = 'v4_6_release';
const CLIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ApiLocals {
  tenant: TenantState;
  member: SimMember;
  baseUrl: string;
}

type RawBodyRequest = Request & { rawBody?: string };

/**
 * ASP.NET hands the body to Newtonsoft before any business rule: a value of the wrong type is a 500 with
 * ConnectWise's `ConnectWiseApi` code and Newtonsoft's message (docs/vendors/connectwise-psa.md §4).
 */
function readable(req: Request, res: Response, model: RequestModel): boolean {
  const problem = unreadableField((req as RawBodyRequest).rawBody ?? '', model);
  if (problem === undefined) return true;
  res.status(500).json({ code: 'ConnectWiseApi', message: problem });
  return false;
}

function locals(res: Response): ApiLocals {
  return res.locals as ApiLocals;
}

export function createApiRouter(
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
  router.use(
    express.json({
      limit: '5mb',
      verify: (req, _res, buffer) => {
        (req as RawBodyRequest).rawBody = buffer.toString('utf8');
      },
    }),
  );
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      res.status(400).json(errorBody('InvalidObject', 'The request body is not valid JSON.'));
      return;
    }
    if (type === 'entity.too.large') {
      res.status(413).json(errorBody('RequestEntityTooLarge', 'The request body is too large.'));
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
    return tenant.companies.map((company) => companyPayload(baseUrl, tenant, company));
  };
  router.get('/company/companies', (req, res) => sendList(req, res, companies(res), COMPANY_FIELDS));
  router.get('/company/companies/count', (req, res) => sendCount(req, res, companies(res), COMPANY_FIELDS));
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
    return state.unposted(tenant).map((invoice) => invoicePayload(baseUrl, tenant, invoice));
  };
  router.get('/finance/accounting/unpostedinvoices', (req, res) =>
    sendList(req, res, unposted(res), UNPOSTED_INVOICE_FIELDS),
  );
  router.get('/finance/accounting/unpostedinvoices/count', (req, res) =>
    sendCount(req, res, unposted(res), UNPOSTED_INVOICE_FIELDS),
  );
  router.get('/finance/accounting/unpostedinvoices/:id', (req, res) => {
    const record = unposted(res).find((invoice) => invoice.id === parseId(req.params.id));
    if (!record) res.status(404).json(notFound());
    else res.json(project(record, query(req).fields));
  });

  router.post('/finance/accounting/export', (req, res) => {
    if (!readable(req, res, EXPORT_REQUEST)) return;
    const { tenant, baseUrl } = locals(res);
    const outcome = state.exportSelection(tenant, req.body);
    if (!outcome.ok) res.status(outcome.status).json(outcome.body);
    else res.status(200).json(glExport(baseUrl, tenant, outcome.value));
  });

  const batches = (res: Response) => {
    const { tenant, baseUrl } = locals(res);
    return tenant.batches.map((batch) => batchPayload(baseUrl, batch));
  };
  router.get('/finance/accounting/batches', (req, res) => sendList(req, res, batches(res), BATCH_FIELDS));
  router.get('/finance/accounting/batches/count', (req, res) => sendCount(req, res, batches(res), BATCH_FIELDS));
  router.post('/finance/accounting/batches', (req, res) => {
    if (!readable(req, res, CREATE_BATCH_REQUEST)) return;
    const { tenant, baseUrl } = locals(res);
    const outcome = state.createBatch(tenant, req.body);
    if (!outcome.ok) res.status(outcome.status).json(outcome.body);
    else res.status(201).json(glExport(baseUrl, tenant, outcome.value.invoices));
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
  router.get('/finance/accounting/batches/:id/entries', (req, res) => {
    const { tenant, baseUrl } = locals(res);
    const batch = tenant.batches.find((candidate) => candidate.id === parseId(req.params.id));
    if (!batch) res.status(404).json(notFound());
    else
      sendList(req, res, batchEntryPayloads(baseUrl, tenant, state.batchInvoices(tenant, batch)), BATCH_ENTRY_FIELDS);
  });
  router.post('/finance/accounting/batches/:id/export', (req, res) => {
    if (!readable(req, res, EXPORT_REQUEST)) return;
    const { tenant, baseUrl } = locals(res);
    const batch = tenant.batches.find((candidate) => candidate.id === parseId(req.params.id));
    if (!batch) res.status(404).json(notFound());
    else res.json(glExport(baseUrl, tenant, state.batchInvoices(tenant, batch)));
  });

  router.use((_req, res) => {
    res.status(404).json(notFound());
  });
  return router;
}
