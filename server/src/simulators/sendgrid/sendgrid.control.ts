import express, { Router } from 'express';
import { answerInvalidControlJson } from '../control-json';
import { faultsSchema } from './sendgrid.faults';
import type { SendGridControls } from './sendgrid.simulator';

/** The JSON control API under /__control: faults, reset and the log of answered sends (README.md). */
export function createControlRouter(controlsOf: () => SendGridControls): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  router.get('/faults', (_req, res) => {
    res.json(controlsOf().faults());
  });
  router.post('/faults', (req, res) => {
    const parsed = faultsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid faults',
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
      });
      return;
    }
    res.json(controlsOf().setFaults(parsed.data));
  });
  router.post('/reset', (_req, res) => {
    controlsOf().reset();
    res.json({ ok: true });
  });
  router.get('/requests', (_req, res) => {
    res.json(controlsOf().requests());
  });
  router.use(answerInvalidControlJson);
  return router;
}
