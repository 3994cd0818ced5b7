import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { faultsSchema } from './connectwise.faults';
import type { ConnectWiseSimulatorControls } from './connectwise.simulator';
import type { ConnectWiseSimulatorState } from './connectwise.state';

/** The JSON control API under /__control: faults, reset, key revocation, request log and a state summary. */

export function createControlRouter(controls: ConnectWiseSimulatorControls, state: ConnectWiseSimulatorState): Router {
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
