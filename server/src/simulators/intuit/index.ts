export {
  createIntuitSimulator,
  startIntuitSimulator,
  type IntuitSimulator,
  type IntuitSimulatorOptions,
  type IntuitSimulatorUrls,
  type RunningIntuitSimulator,
} from './intuit.simulator';
export type { IntuitSimulatorControls, QboFaultFilter } from './intuit.controls';
export type { FaultSpec, FaultRule, FaultTarget } from './fault-injector';
export {
  DEFAULT_CLIENT,
  DEFAULT_LIFETIMES,
  DEFAULT_THROTTLE_LIMITS,
  checkThrottleLimits,
  SimulatorState,
  type Counters,
  type RegisteredClient,
  type ThrottleLimits,
  type TokenLifetimes,
} from './intuit.state';
export {
  DEFAULT_SANDBOX_COMPANIES,
  NORTHWIND_SANDBOX,
  SANDBOX_COMPANY_US_1,
  type SandboxCompanySeed,
} from './intuit.seed';
export { completeAuthorization, type AuthorizationOutcome } from './authorize.flow';
export type { TokenIssuedEvent, TokenRequestEvent } from './oauth.routes';
