export * from './connectwise.simulator';
export {
  DEMO_COMPANY,
  DEMO_CREDENTIALS,
  DEMO_NO_FINANCE_CREDENTIALS,
  DEMO_SITE_PORT,
  DEMO_ON_PREMISE_SITE_URL,
  DEFAULT_SEED,
  QBO_VENDOR_COLLISION_CUSTOMER,
  CATALOG,
  createDemoTenant,
  createPrng,
} from './connectwise.seed';
export type { SeedOptions } from './connectwise.seed';
export { generateBenchTenant, benchCredentials } from './connectwise.bench';
export type { BenchTenantOptions } from './connectwise.bench';
export { ConnectWiseSimulatorState } from './connectwise.state';
export type { TenantState, InvoiceTotals } from './connectwise.state';
export { invoiceTotals } from './connectwise.payloads';
export { compileConditions, ConditionsError, UnknownFieldError } from './connectwise.conditions';
export type * from './connectwise.types';
