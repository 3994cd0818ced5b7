import express, { type Request, type Response, Router } from 'express';
import { escapeHtml } from './html-page';
import { isRequestFromForm, parseFaultSpec, type FaultInjector } from './fault-injector';
import type { SimulatorState } from './intuit.state';
import type { IntuitSimulatorControls } from './intuit.controls';

/** `/__control`: a JSON API for tests and scripts, and a small HTML page for people (dev only). */

export const CONTROL_PATH = '/__control';

export function snapshot(state: SimulatorState, faults: FaultInjector): Record<string, unknown> {
  const now = state.now();
  return {
    now: new Date(now).toISOString(),
    timeOffsetMs: state.timeOffsetMs,
    lifetimes: state.lifetimes,
    strictRotation: state.strictRotation,
    throttleLimits: state.throttleLimits,
    companies: [...state.companies.values()].map((c) => ({ realmId: c.realmId, companyName: c.companyName })),
    grants: [...state.grants.values()].map((grant) => ({
      ...grant,
      status: grant.revokedAt !== undefined ? 'revoked' : grant.hardExpiresAt <= now ? 'expired' : 'active',
      currentRefreshToken: state.currentRefreshToken.get(grant.id),
    })),
    faults: faults.list(),
    counters: state.counters,
    recentTokenRequests: state.tokenRequests.slice(-50),
    recentQboRequests: state.qboRequests.slice(-50),
  };
}

function bodyOf(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

function numberField(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function optionalRealm(body: Record<string, unknown>): string | undefined {
  return typeof body.realmId === 'string' && body.realmId !== '' ? body.realmId : undefined;
}

export function createControlRouter(
  state: SimulatorState,
  controls: IntuitSimulatorControls,
  faults: FaultInjector,
): Router {
  const router = Router();
  router.use(CONTROL_PATH, express.json({ limit: '64kb' }), express.urlencoded({ extended: false, limit: '64kb' }));

  /** Forms come back to the page; JSON callers get JSON. */
  const done = (req: Request, res: Response, result: unknown) => {
    if (isRequestFromForm(req)) res.redirect(303, CONTROL_PATH);
    else res.json({ ok: true, result });
  };
  const bad = (res: Response, message: string): void => {
    res.status(400).json({ ok: false, error: message });
  };

  router.get(CONTROL_PATH, (_req: Request, res: Response) => {
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(renderControlPage(snapshot(state, faults)));
  });
  router.get(`${CONTROL_PATH}/state`, (_req: Request, res: Response) => {
    res.json(snapshot(state, faults));
  });
  router.get(`${CONTROL_PATH}/counters`, (_req: Request, res: Response) => {
    res.json(controls.counters());
  });
  router.post(`${CONTROL_PATH}/reset`, (req: Request, res: Response) => {
    controls.reset();
    done(req, res, null);
  });
  router.post(`${CONTROL_PATH}/realms/:realmId/revoke`, (req: Request, res: Response) => {
    done(req, res, { revokedGrants: controls.revokeRealm(String(req.params.realmId)) });
  });
  router.post(`${CONTROL_PATH}/tokens/revoke`, (req: Request, res: Response) => {
    const token = bodyOf(req).token;
    if (typeof token !== 'string' || !token) {
      bad(res, 'Send {"token": "…"}.');
      return;
    }
    done(req, res, { revoked: controls.revokeToken(token) });
  });
  router.post(`${CONTROL_PATH}/tokens/expire-access`, (req: Request, res: Response) => {
    done(req, res, { expired: controls.expireAccessTokens(optionalRealm(bodyOf(req))) });
  });
  router.post(`${CONTROL_PATH}/tokens/expire-refresh`, (req: Request, res: Response) => {
    done(req, res, { expired: controls.expireRefreshTokens(optionalRealm(bodyOf(req))) });
  });
  router.post(`${CONTROL_PATH}/lifetimes`, (req: Request, res: Response) => {
    const body = bodyOf(req);
    const update: Record<string, number> = {};
    for (const key of Object.keys(state.lifetimes)) {
      const value = numberField(body, key);
      if (value !== undefined) update[key] = value;
    }
    try {
      done(req, res, controls.setLifetimes(update));
    } catch (error) {
      bad(res, (error as Error).message);
    }
  });
  router.post(`${CONTROL_PATH}/strict-rotation`, (req: Request, res: Response) => {
    const enabled = bodyOf(req).enabled;
    controls.setStrictRotation(enabled === true || enabled === 'true' || enabled === 'on');
    done(req, res, { strictRotation: state.strictRotation });
  });
  router.post(`${CONTROL_PATH}/throttle`, (req: Request, res: Response) => {
    const body = bodyOf(req);
    const update: Record<string, number> = {};
    for (const key of Object.keys(state.throttleLimits)) {
      const value = numberField(body, key);
      if (value !== undefined) update[key] = value;
    }
    try {
      done(req, res, controls.setThrottleLimits(update));
    } catch (error) {
      bad(res, (error as Error).message);
    }
  });
  router.post(`${CONTROL_PATH}/faults`, (req: Request, res: Response) => {
    const raw = { ...bodyOf(req) };
    if (typeof raw.body === 'string' && raw.body.trim().startsWith('{')) {
      try {
        raw.body = JSON.parse(raw.body) as unknown;
      } catch {
        bad(res, 'body is not valid JSON.');
        return;
      }
    }
    const spec = parseFaultSpec(raw);
    if (typeof spec === 'string') {
      bad(res, spec);
      return;
    }
    done(req, res, controls.injectFault(spec));
  });
  router.delete(`${CONTROL_PATH}/faults`, (req: Request, res: Response) => {
    controls.clearFaults();
    done(req, res, null);
  });
  router.post(`${CONTROL_PATH}/faults/clear`, (req: Request, res: Response) => {
    controls.clearFaults();
    done(req, res, null);
  });
  router.post(`${CONTROL_PATH}/time/advance`, (req: Request, res: Response) => {
    const body = bodyOf(req);
    const ms = numberField(body, 'ms') ?? (numberField(body, 'seconds') ?? 0) * 1000;
    controls.advanceTime(ms);
    done(req, res, { timeOffsetMs: state.timeOffsetMs });
  });
  router.post(`${CONTROL_PATH}/intuit-tid`, (req: Request, res: Response) => {
    const tid = bodyOf(req).tid;
    controls.setIntuitTid(typeof tid === 'string' && tid !== '' ? tid : null);
    done(req, res, { intuitTid: state.fixedIntuitTid });
  });

  return router;
}

function renderControlPage(data: Record<string, unknown>): string {
  const s = data as {
    now: string;
    lifetimes: Record<string, number>;
    strictRotation: boolean;
    throttleLimits: Record<string, number>;
    companies: Array<{ realmId: string; companyName: string }>;
    grants: Array<{ id: string; realmId: string; userEmail: string; status: string }>;
    faults: unknown[];
    counters: unknown;
  };
  const numberInputs = (values: Record<string, number>) =>
    Object.entries(values)
      .map(
        ([key, value]) =>
          `<label>${escapeHtml(key)} <input name="${escapeHtml(key)}" type="number" min="0" value="${escapeHtml(String(value))}"></label>`,
      )
      .join(' ');
  const realms = s.companies
    .map(
      (c) => `<tr><td>${escapeHtml(c.companyName)}</td><td>${escapeHtml(c.realmId)}</td><td>
<form method="post" action="${CONTROL_PATH}/realms/${encodeURIComponent(c.realmId)}/revoke"><button>Revoke grants</button></form>
<form method="post" action="${CONTROL_PATH}/tokens/expire-access"><input type="hidden" name="realmId" value="${escapeHtml(c.realmId)}"><button>Expire access tokens</button></form>
<form method="post" action="${CONTROL_PATH}/tokens/expire-refresh"><input type="hidden" name="realmId" value="${escapeHtml(c.realmId)}"><button>Expire refresh tokens</button></form>
</td></tr>`,
    )
    .join('');
  const grants = s.grants
    .map(
      (g) =>
        `<tr><td>${escapeHtml(g.id)}</td><td>${escapeHtml(g.realmId)}</td><td>${escapeHtml(g.userEmail)}</td><td>${escapeHtml(g.status)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intuit simulator controls</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}form{display:inline-block;margin:2px}section{margin-bottom:24px}label{margin-right:8px}pre{background:#f4f4f4;padding:8px;overflow:auto}</style>
</head><body>
<h1>Intuit simulator controls</h1>
<p>Simulator time: <strong>${escapeHtml(s.now)}</strong>
<form method="post" action="${CONTROL_PATH}/time/advance"><input type="hidden" name="seconds" value="3600"><button>+1 hour</button></form>
<form method="post" action="${CONTROL_PATH}/time/advance"><input type="hidden" name="seconds" value="86400"><button>+1 day</button></form>
<form method="post" action="${CONTROL_PATH}/reset"><button>Reset everything</button></form></p>
<section><h2>Companies</h2><table><tr><th>Company</th><th>Realm ID</th><th>Actions</th></tr>${realms}</table></section>
<section><h2>Grants</h2><table><tr><th>Grant</th><th>Realm</th><th>User</th><th>Status</th></tr>${grants || '<tr><td colspan="4">None yet</td></tr>'}</table></section>
<section><h2>Token lifetimes (seconds)</h2><form method="post" action="${CONTROL_PATH}/lifetimes">${numberInputs(s.lifetimes)} <button>Save</button></form>
<form method="post" action="${CONTROL_PATH}/strict-rotation"><input type="hidden" name="enabled" value="${s.strictRotation ? 'false' : 'true'}"><button>${s.strictRotation ? 'Turn strict rotation off' : 'Turn strict rotation on'}</button></form></section>
<section><h2>Throttling</h2><form method="post" action="${CONTROL_PATH}/throttle">${numberInputs(s.throttleLimits)} <button>Save</button></form></section>
<section><h2>Faults</h2>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="token"><input type="hidden" name="status" value="503"><input type="hidden" name="times" value="3"><button>Token endpoint: 503 ×3</button></form>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="token"><input type="hidden" name="status" value="429"><button>Token endpoint: 429</button></form>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="token"><input type="hidden" name="status" value="400"><input type="hidden" name="body" value='{"error":"invalid_grant"}'><button>Token endpoint: invalid_grant</button></form>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="token"><input type="hidden" name="status" value="200"><input type="hidden" name="body" value='{"error":"invalid_grant"}'><button>Token endpoint: 200 with error body</button></form>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="token"><input type="hidden" name="delayMs" value="30000"><button>Token endpoint: 30 s delay</button></form>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="token"><input type="hidden" name="delayResponseMs" value="5000"><button>Token endpoint: rotate, answer 5 s late</button></form>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="qbo"><input type="hidden" name="status" value="503"><input type="hidden" name="times" value="3"><button>QBO API: 503 ×3</button></form>
<form method="post" action="${CONTROL_PATH}/faults"><input type="hidden" name="target" value="qbo"><input type="hidden" name="delayMs" value="5000"><input type="hidden" name="times" value="5"><button>QBO API: 5 s delay ×5</button></form>
<form method="post" action="${CONTROL_PATH}/faults/clear"><button>Clear faults</button></form>
<pre>${escapeHtml(JSON.stringify(s.faults, null, 2))}</pre></section>
<section><h2>Counters</h2><pre>${escapeHtml(JSON.stringify(s.counters, null, 2))}</pre></section>
<p>JSON API: <code>GET ${CONTROL_PATH}/state</code>, <code>POST ${CONTROL_PATH}/faults</code> and the forms' actions above.</p>
</body></html>`;
}
