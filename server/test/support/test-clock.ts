import { ManualClock } from '../../src/lib/clock';

/**
 * A manual clock that every test of the calling suite starts at `start`: the time one test moves never reaches the
 * next, so the suite passes in any order (`jest --randomize`). Register it inside a `describe` (or at the top of a
 * file); hand the returned clock to the servers and simulators the suite starts.
 */
export function perTestClock(start: Date): ManualClock {
  const clock = new ManualClock(start);
  beforeEach(() => clock.set(start));
  return clock;
}
