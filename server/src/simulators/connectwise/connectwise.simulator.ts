import express, { type Express } from 'express';
import { listenOnLoopback, type RunningServer } from '../http';
import { createApiRouter, type ApiLocals } from './connectwise.api';
import { generateBenchTenant, type BenchTenantOptions } from './connectwise.bench';
import { createControlRouter } from './connectwise.control';
import { DEFAULT_FAULTS, faultsSchema, type ConnectWiseFaults } from './connectwise.faults';
import { RequestHold, type HoldFilter } from './connectwise.hold';
import { notFound } from './connectwise.listing';
import { createDemoTenant, type SeedOptions } from './connectwise.seed';
import { ConnectWiseSimulatorState } from './connectwise.state';
import type { SimTenantSeed } from './connectwise.types';

export { DEFAULT_FAULTS, type ConnectWiseFaults } from './connectwise.faults';
export type { HoldFilter } from './connectwise.hold';

/**
 * A ConnectWise PSA (Manage) REST API stand-in, faithful to docs/vendors/connectwise-psa.md: /login/companyinfo, then
 * /{codebase}apis/3.0/... with Basic `companyId+publicKey:privateKey`, a required clientId header, 401/403/429,
 * page/pageSize with an RFC 5988 Link header, conditions, the GL export and accounting batches.
 */

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
   * SiteUrl in /login/companyinfo for every tenant. Default: a cloud tenant echoes the Host the request came to (so
   * on loopback it points back at this simulator), an on-premise tenant reports its own `siteUrl` (an internal name
   * clients must not use). 'self' always echoes the Host; 'omit' leaves SiteUrl out; a string is sent as is.
   */
  siteUrl?: 'self' | 'omit' | (string & {});
  /**
   * The PSA companies served, instead of the demo company: e.g. `[createDemoTenant(), generateBenchTenant({...})]`.
   * A function is called again on every reset; a list is copied, never mutated.
   */
  tenants?: SimTenantSeed[] | (() => SimTenantSeed[]);
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
  /** Adds (or replaces) a generated benchmark tenant; it survives resets. */
  addBenchTenant(options: BenchTenantOptions): { companyId: string; unpostedInvoices: number };
  /** From now on, API requests (of one public key, or all) wait unanswered until release(). */
  hold(filter?: HoldFilter): void;
  /** How many requests are being held. */
  held(): number;
  /** Resolves once `count` requests are being held. */
  whenHeld(count?: number): Promise<void>;
  /** Answers every held request (with the state as it is now) and stops holding. */
  release(): void;
}

export interface ConnectWiseSimulator {
  app: Express;
  controls: ConnectWiseSimulatorControls;
  state: ConnectWiseSimulatorState;
}

const MAX_LOG = 500;

export function createConnectWiseSimulator(options: ConnectWiseSimulatorOptions = {}): ConnectWiseSimulator {
  const now = options.now ?? (() => new Date());
  const given = options.tenants;
  const base =
    given === undefined
      ? () => [createDemoTenant({ seed: options.seed, invoiceCount: options.invoiceCount })]
      : typeof given === 'function'
        ? given
        : () => given;
  const benchTenants = new Map<string, BenchTenantOptions>();
  const seed = () => [
    ...base().filter((tenant) => !benchTenants.has(tenant.companyId.toLowerCase())),
    ...[...benchTenants.values()].map(generateBenchTenant),
  ];
  const state = new ConnectWiseSimulatorState(seed, now);
  const initialFaults: ConnectWiseFaults = { ...DEFAULT_FAULTS, ...faultsSchema.parse(options.faults ?? {}) };
  let faults: ConnectWiseFaults = { ...initialFaults };
  let log: RecordedRequest[] = [];
  const windows = new Map<string, number[]>();
  const holding = new RequestHold();

  const controls: ConnectWiseSimulatorControls = {
    faults: () => ({ ...faults }),
    setFaults: (changes) => {
      faults = { ...faults, ...faultsSchema.parse(changes) };
      return { ...faults };
    },
    reset: () => {
      holding.release();
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
    addBenchTenant: (bench) => {
      const tenant = state.addTenant(generateBenchTenant(bench));
      benchTenants.set(tenant.companyId.toLowerCase(), { ...bench });
      return { companyId: tenant.companyId, unpostedInvoices: state.unposted(tenant).length };
    },
    hold: (filter) => holding.hold(filter),
    held: () => holding.held(),
    whenHeld: (count) => holding.whenHeld(count),
    release: () => holding.release(),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  if (options.controlApi !== false) app.use('/__control', createControlRouter(controls, state));

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
    // A hung server: the request is read and never answered (the socket closes with the client or the simulator).
    if (faults.hang) return;
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
  app.use(holding.middleware());

  // Unknown company: 200 with a JSON `null` body. ConnectWise leaves this undocumented; clients in the wild read
  // `.Codebase` from a 200, so this is the case that proves "missing Codebase = company not found".
  app.get('/login/companyinfo/:companyId', (req, res) => {
    const tenant = state.tenant(req.params.companyId);
    res.set('Cache-Control', 'no-cache');
    if (!tenant) {
      res.json(null);
      return;
    }
    const host = req.get('host') ?? '';
    const siteUrl =
      options.siteUrl === undefined
        ? tenant.isCloud
          ? host
          : (tenant.siteUrl ?? host)
        : options.siteUrl === 'self'
          ? host
          : options.siteUrl;
    res.json({
      CompanyName: tenant.companyName,
      Codebase: tenant.codebase,
      VersionCode: tenant.versionCode,
      VersionNumber: tenant.versionNumber,
      CompanyID: tenant.companyId,
      IsCloud: tenant.isCloud ? 'True' : 'False',
      ...(siteUrl === 'omit' ? {} : { SiteUrl: siteUrl }),
    });
  });

  app.use(
    '/:codebase/apis/3.0',
    createApiRouter(state, () => faults, windows),
  );
  app.use((_req, res) => {
    res.status(404).json(notFound());
  });
  return { app, controls, state };
}

export async function startConnectWiseSimulator(
  options: ConnectWiseSimulatorOptions & { port?: number } = {},
): Promise<RunningServer & ConnectWiseSimulator> {
  const simulator = createConnectWiseSimulator(options);
  const server = await listenOnLoopback(simulator.app, options.port ?? 0);
  return { ...server, ...simulator };
}
