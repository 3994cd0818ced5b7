export type { ConnectWiseAccess, ConnectWiseStatusReader } from './connectwise-access';
export { connectWiseFeature, type ConnectWiseServices } from './connectwise.feature';
export type { ConnectWiseService } from './connectwise.service';
