export type { ConnectWiseAccess, ConnectWiseStatusReader } from './connectwise-access';
export { ConnectWiseErrorCode } from './connectwise-errors';
export { connectWiseFeature, type ConnectWiseServices } from './connectwise.feature';
export type { ConnectWiseService } from './connectwise.service';
