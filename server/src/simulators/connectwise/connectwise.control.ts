import express, { Router } from 'express';
import { answerInvalidControlJson } from '../control-json';
import { z } from 'zod';
import { faultsSchema } from './connectwise.faults';
import type { ConnectWiseSimulatorControls } from './connectwise.simulator';
import type { ConnectWiseSimulatorState } from './connectwise.state';

/** The JSON control API under /__control: faults, reset, key revocation, bench tenants, request log and state. */

const benchTenantSchema = z
  .object({
    companyId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
    invoices: z.number().int().min(1).max(20_000).optional(),
    companies: z.number().int().min(1).max(20_000).optional(),
    items: z.number().int().min(2).max(1_000).optional(),
    seed: z.number().int().optional(),
    isCloud: z.boolean().optional(),
  })
  .strict();

const holdSchema = z.object({ publicKey: z.string().min(1).max(256).optional() }).strict();

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
  router.post('/tenants', (req, res) => {
    const parsed = benchTenantSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid tenant', issues: parsed.error.issues.map((issue) => issue.message) });
      return;
    }
    try {
      res.json(controls.addBenchTenant(parsed.data));
    } catch (error) {
      res.status(400).json({ error: 'invalid tenant', issues: [(error as Error).message] });
    }
  });
  router.post('/hold', (req, res) => {
    const parsed = holdSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid hold', issues: parsed.error.issues.map((issue) => issue.message) });
      return;
    }
    controls.hold(parsed.data);
    res.json({ held: controls.held() });
  });
  router.post('/release', (_req, res) => {
    controls.release();
    res.json({ ok: true });
  });
  router.get('/held', (_req, res) => {
    res.json({ held: controls.held() });
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
  router.use(answerInvalidControlJson);
  return router;
}
