import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { FaultInjector, FaultRule } from './fault-injector';
import { ENTITY_BY_PATH, isObject, type QboCompany } from './qbo-company';
import {
  faultBody,
  invalidProperty,
  lowerCaseFaultBody,
  QboFaultError,
  requiredParamMissing,
  systemFaultBody,
  throttleFaultBody,
  unsupportedOperation,
  validation,
  type JsonObject,
} from './qbo-faults';
import { qboTime } from './qbo-time';
import type { SimulatorState } from './intuit.state';
import type { SlidingWindowThrottle } from './throttle';
import type { TokenAuthority } from './token-authority';

/** QuickBooks Online Accounting API v3 under `/v3/company/:realmId` (docs/vendors/quickbooks-online.md). */

/** QBO's ceiling (docs/vendors/quickbooks-online.md §5); `throttleLimits.batchItemsPerRequest` may only lower it. */
export const MAX_BATCH_ITEMS = 30;
const MAX_REQUEST_ID_LENGTH = 50;
const MAX_BATCH_REQUEST_ID_LENGTH = 36;

interface QboContext {
  realmId: string;
  company: QboCompany;
  /** Where a requestid's answer is kept: realm, method, endpoint and requestid. */
  replayKey?: string;
  /** A fault whose delayResponseMs holds the answer after the work is done. */
  fault?: FaultRule;
}

interface Result {
  status: number;
  body: unknown;
}

export interface QboRouterDeps {
  state: SimulatorState;
  tokens: TokenAuthority;
  faults: FaultInjector;
  throttle: SlidingWindowThrottle;
}

function queryParam(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function context(res: Response): QboContext {
  return res.locals.qbo as QboContext;
}

export function createQboRouter({ state, tokens, faults, throttle }: QboRouterDeps): Router {
  const router = Router({ mergeParams: true });

  /** Stores the answer for requestid replays, waits out a late-answer fault, then answers. */
  const send = async (res: Response, result: Result): Promise<void> => {
    const ctx = res.locals.qbo as QboContext | undefined;
    if (ctx?.replayKey !== undefined && result.status < 500) state.idempotentResponses.set(ctx.replayKey, result);
    await faults.holdResponse(ctx?.fault);
    if (!res.destroyed) res.status(result.status).json(result.body);
  };

  /** Runs business logic; a QboFaultError becomes QBO's 400 `{"Fault":…}`. */
  const execute = (res: Response, work: () => JsonObject): Promise<void> => {
    let result: Result;
    try {
      result = { status: 200, body: { ...work(), time: qboTime(state.now()) } };
    } catch (error) {
      if (!(error instanceof QboFaultError)) throw error;
      result = { status: error.status, body: faultBody(error, state.now()) };
    }
    return send(res, result);
  };

  // Gate: faults, bearer token, realm, throttling and requestid replay, before any body is read.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const realmId = String(req.params.realmId ?? '');
    const path = req.path;
    const requestId = queryParam(req, 'requestid');
    const startedAt = state.now();
    let replayed = false;
    state.counters.qboCalls.total += 1;
    state.counters.qboCalls.byRealm[realmId] = (state.counters.qboCalls.byRealm[realmId] ?? 0) + 1;
    res.once('finish', () =>
      state.logQboRequest({
        at: startedAt,
        method: req.method,
        realmId,
        path,
        status: res.statusCode,
        minorversion: queryParam(req, 'minorversion'),
        requestid: requestId,
        replayed,
      }),
    );

    const fault = faults.take({ target: 'qbo', realmId, path });
    if (fault) {
      const defaultBody = (status: number) =>
        status === 429 ? throttleFaultBody(state.now()) : status >= 500 ? systemFaultBody(state.now()) : null;
      if (await faults.apply(fault, res, defaultBody)) return;
    }

    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      res.status(401).json(lowerCaseFaultBody('authentication', null, state.now()));
      return;
    }
    const check = tokens.checkAccessToken(match[1]);
    if (!check.ok) {
      res.status(401).json(lowerCaseFaultBody('authentication', check.detail, state.now()));
      return;
    }
    const company = state.companies.get(realmId);
    if (check.grant.realmId !== realmId || !company) {
      res.status(403).json(lowerCaseFaultBody('authorization', null, state.now()));
      return;
    }

    const limits = state.throttleLimits;
    const app = `${realmId}:${check.grant.clientId}`;
    const windows = [
      { key: `realm:${realmId}`, limit: limits.requestsPerMinutePerRealm, windowMs: 60_000 },
      { key: `realm-app-second:${app}`, limit: limits.requestsPerSecondPerRealmApp, windowMs: 1000 },
    ];
    const isBatch = req.method === 'POST' && /^\/batch\/?$/i.test(path);
    if (isBatch) {
      windows.push(
        { key: `batch-app:${app}`, limit: limits.batchPerMinutePerRealmApp, windowMs: 60_000 },
        { key: `batch-realm:${realmId}`, limit: limits.batchPerMinutePerRealm, windowMs: 60_000 },
      );
    }
    if (!throttle.tryConsume(windows, state.now())) {
      state.counters.qboCalls.throttled += 1;
      res.status(429).json(throttleFaultBody(state.now()));
      return;
    }

    let replayKey: string | undefined;
    if (requestId !== undefined) {
      const limit = isBatch ? MAX_BATCH_REQUEST_ID_LENGTH : MAX_REQUEST_ID_LENGTH;
      if (requestId.length === 0 || requestId.length > limit) {
        const error = validation(
          '2010',
          'Request has invalid or unsupported property',
          `requestid must be 1 to ${limit} characters`,
          'requestid',
        );
        res.status(400).json(faultBody(error, state.now()));
        return;
      }
      // QBO replays a requestid only on the endpoint that first saw it; elsewhere it is a new request.
      replayKey = [realmId, req.method, path.toLowerCase().replace(/\/+$/, ''), requestId].join('\u0000');
      const stored = state.idempotentResponses.get(replayKey);
      if (stored) {
        replayed = true;
        res.status(stored.status).json(stored.body);
        return;
      }
    }

    res.locals.qbo = { realmId, company, replayKey, fault } satisfies QboContext;
    next();
  });

  router.use(express.json({ limit: '5mb' }), express.text({ type: ['application/text', 'text/plain'], limit: '1mb' }));

  router.get('/companyinfo/:id', (req: Request, res: Response) =>
    execute(res, () => ({ CompanyInfo: context(res).company.read('CompanyInfo', String(req.params.id)) })),
  );

  const runQuery = (res: Response, statement: string | undefined) =>
    execute(res, () => {
      if (!statement || statement.trim() === '') throw requiredParamMissing('query');
      return { QueryResponse: context(res).company.query(statement) };
    });
  router.get('/query', (req: Request, res: Response) => runQuery(res, queryParam(req, 'query')));
  router.post('/query', (req: Request, res: Response) =>
    runQuery(res, typeof req.body === 'string' ? req.body : queryParam(req, 'query')),
  );

  router.post('/batch', (req: Request, res: Response) => {
    const company = context(res).company;
    const items = isObject(req.body) ? req.body.BatchItemRequest : undefined;
    return execute(res, () => {
      if (!Array.isArray(items) || items.length === 0) throw requiredParamMissing('BatchItemRequest');
      const maxItems = state.throttleLimits.batchItemsPerRequest;
      if (items.length > maxItems) {
        throw validation(
          '6000',
          'A business validation error has occurred while processing your request',
          `Business Validation Error: The batch request contains ${items.length} BatchItemRequest entries; the maximum is ${maxItems}.`,
        );
      }
      return { BatchItemResponse: items.map((item) => runBatchItem(company, item, includeDuplicates(req))) };
    });
  });

  router.get('/:entity/:id', (req: Request, res: Response) => {
    const entity = ENTITY_BY_PATH[String(req.params.entity).toLowerCase()];
    return execute(res, () => {
      if (!entity) throw unsupportedOperation(`Unsupported resource ${String(req.params.entity)}.`);
      return { [entity]: context(res).company.read(entity, String(req.params.id)) };
    });
  });

  router.post('/:entity', (req: Request, res: Response) => {
    const entity = ENTITY_BY_PATH[String(req.params.entity).toLowerCase()];
    return execute(res, () => {
      if (!entity) throw unsupportedOperation(`Unsupported resource ${String(req.params.entity)}.`);
      const result = context(res).company.write(entity, req.body, queryParam(req, 'operation'), {
        allowDuplicateDocNumber: includeDuplicates(req),
      });
      return { [entity]: result };
    });
  });

  router.use((_req: Request, res: Response) => {
    const error = unsupportedOperation('Unsupported operation or resource.');
    res.status(400).json(faultBody(error, state.now()));
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const parseError = isObject(error) && (error.type === 'entity.parse.failed' || error.type === 'entity.too.large');
    if (!parseError) return next(error);
    const fault = invalidProperty(`Request body could not be parsed: ${String(error.message ?? '')}`);
    res.status(error.type === 'entity.too.large' ? 413 : 400).json(faultBody(fault, state.now()));
  });

  return router;
}

function includeDuplicates(req: Request): boolean {
  return (queryParam(req, 'include') ?? '').toLowerCase().split(',').includes('allowduplicatedocnum');
}

function runBatchItem(company: QboCompany, item: unknown, allowDuplicateDocNumber: boolean): JsonObject {
  const bId = isObject(item) && typeof item.bId === 'string' ? item.bId : undefined;
  try {
    if (!isObject(item)) throw invalidProperty('BatchItemRequest entries must be objects.');
    if (!bId) throw requiredParamMissing('bId');
    if (typeof item.Query === 'string') return { bId, QueryResponse: company.query(item.Query) };
    const entity = Object.values(ENTITY_BY_PATH).find((name) => isObject(item[name]));
    if (!entity) throw invalidProperty('The batch item names no entity.');
    const operation = typeof item.operation === 'string' ? item.operation : 'create';
    return { bId, [entity]: company.write(entity, item[entity], operation, { allowDuplicateDocNumber }) };
  } catch (error) {
    if (!(error instanceof QboFaultError)) throw error;
    return { ...(bId ? { bId } : {}), Fault: error.toFault() };
  }
}
