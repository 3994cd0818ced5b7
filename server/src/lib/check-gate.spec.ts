import { CheckGate, type FlightClaims } from './check-gate';
import { deferred } from './deferred';

/** Claims held in memory, as two processes sharing one database would see them. */
function sharedClaims() {
  const held = new Set<string>();
  const claims: FlightClaims = {
    claim: async (key) => {
      if (held.has(key)) return null;
      held.add(key);
      return async () => {
        held.delete(key);
      };
    },
    isClaimed: async (key) => held.has(key),
  };
  return { held, claims };
}

describe('CheckGate', () => {
  it('lets callers that arrive during a check share it, and spends the budget once', async () => {
    const gate = new CheckGate({ claims: sharedClaims().claims });
    const release = deferred();
    let checks = 0;
    let budget = 0;
    const check = async () => {
      checks += 1;
      await release.promise;
    };
    const beforeStart = async () => {
      budget += 1;
    };
    const all = Array.from({ length: 10 }, () => gate.run('cw:1', check, { beforeStart }));
    release.resolve();
    await Promise.all(all);
    expect({ checks, budget }).toEqual({ checks: 1, budget: 1 });
    await gate.run('cw:1', check, { beforeStart });
    expect({ checks, budget }).toEqual({ checks: 2, budget: 2 });
  });

  it('waits for a check another process holds instead of running its own', async () => {
    const { claims } = sharedClaims();
    const here = new CheckGate({ claims, pollMs: 1 });
    const there = new CheckGate({ claims, pollMs: 1 });
    const release = deferred();
    const ran: string[] = [];
    const theirs = there.run('qbo:1', async () => {
      ran.push('there');
      await release.promise;
    });
    let ours = false;
    const waiting = here.run('qbo:1', async () => void ran.push('here')).then(() => (ours = true));
    await new Promise((r) => setImmediate(r));
    expect(ours).toBe(false);
    release.resolve();
    await Promise.all([theirs, waiting]);
    expect(ran).toEqual(['there']);
  });

  it('releases the claim when the check fails, and passes the failure to everyone who waited', async () => {
    const { held, claims } = sharedClaims();
    const gate = new CheckGate({ claims });
    const failing = async () => {
      throw new Error('vendor down');
    };
    await expect(Promise.all([gate.run('k', failing), gate.run('k', failing)])).rejects.toThrow('vendor down');
    expect(held.size).toBe(0);
  });

  it('does not start a check when the budget refuses it', async () => {
    const gate = new CheckGate({ claims: sharedClaims().claims });
    let checks = 0;
    const refused = gate.run('k', async () => void (checks += 1), {
      beforeStart: async () => {
        throw new Error('RATE_LIMITED');
      },
    });
    await expect(refused).rejects.toThrow('RATE_LIMITED');
    expect(checks).toBe(0);
  });
});
