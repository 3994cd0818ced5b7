import { Throttles } from '../../lib/throttles';
import { authFeature } from '../auth';
import { connectionChecksFeature } from '../connection-checks';
import { bindResolver, defineFeature } from '../feature';
import type { ConnectWiseAccess, ConnectWiseStatusReader } from './connectwise-access';
import { ConnectWiseConnectionRecord } from './connectwise-connection.entity';
import { ConnectWiseConnectionStore, connectWiseKeyContext } from './connectwise-connection.store';
import { CONNECTWISE_THROTTLE_RULES } from './connectwise-throttles';
import { ConnectWiseResolver } from './connectwise.resolver';
import { ConnectWiseService } from './connectwise.service';

export interface ConnectWiseServices {
  service: ConnectWiseService;
  /** For other features: the connection as they may use it. */
  access: ConnectWiseAccess;
  status: ConnectWiseStatusReader;
}

/** The account's ConnectWise PSA connection. */
export const connectWiseFeature = defineFeature<ConnectWiseServices>({
  name: 'connectwise',
  entities: [ConnectWiseConnectionRecord],
  resolvers: [ConnectWiseResolver],
  sealedColumns: [
    {
      entity: ConnectWiseConnectionRecord,
      table: 'connectwise_connections',
      columns: ['publicKeySealed', 'privateKeySealed'],
      context: (row, column) => connectWiseKeyContext(row, column === 'publicKeySealed' ? 'publicKey' : 'privateKey'),
    },
  ],
  create: (host) => {
    const service = new ConnectWiseService({
      store: new ConnectWiseConnectionStore(host.dataSource),
      clock: host.clock,
      keyRing: { keys: host.config.encryptionKeys },
      logger: host.logger,
      throttles: new Throttles(host.dataSource, CONNECTWISE_THROTTLE_RULES),
      checks: host.use(connectionChecksFeature).gate,
      passwords: host.use(authFeature).passwords,
      clientId: host.config.connectWise.clientId,
      allowHttp: host.config.connectWise.allowHttp,
      recheckAfterMs: host.config.connectWise.recheckAfterMs,
      timeoutMs: host.config.connectWise.timeoutMs,
    });
    return {
      services: { service, access: service, status: service },
      resolvers: [bindResolver(ConnectWiseResolver, new ConnectWiseResolver(service))],
    };
  },
});
