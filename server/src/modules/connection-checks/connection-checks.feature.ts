import { CheckGate } from '../../lib/check-gate';
import { defineFeature } from '../feature';
import { CheckLeaseRecord } from './check-lease.entity';
import { CheckLeases } from './check-leases';

export interface ConnectionChecksServices {
  /** One live check per connection at a time, in this process and across processes. */
  gate: CheckGate;
}

/** Live connection checks (ConnectWise, QuickBooks) that concurrent callers share (docs/request-hardening.md). */
export const connectionChecksFeature = defineFeature<ConnectionChecksServices>({
  name: 'connection-checks',
  entities: [CheckLeaseRecord],
  resolvers: [],
  create: (host) => ({
    services: {
      gate: new CheckGate({
        claims: new CheckLeases(host.dataSource, host.clock, host.config.connectionChecks.leaseMs),
        onReleaseError: (err) =>
          host.logger.warn({ err, event: 'connection_check.release_failed' }, 'a check lease was left to expire'),
      }),
    },
  }),
});
