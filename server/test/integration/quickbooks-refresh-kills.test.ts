import { runRefreshKills, type RefreshKillsReport } from '../../src/bench/refresh-kills';
import { ensureBuilt } from '../support/server-process';

/**
 * Intuit's strict reading (a superseded refresh token is refused at once), proven by SIGKILLs
 * (docs/token-manager.md §4): a dozen kills of a real server process (`dist/index.js`, SQLite) at
 * stratified random points of a refresh — before it reaches Intuit, while Intuit works on it, between
 * Intuit's answer and Mobius's commit, after the commit. `npm run bench -- refresh-kills` runs 100.
 * The claim: a connection is lost only when Intuit issued a refresh token value the database does not
 * hold (the window no design closes); every other kill leaves a working connection.
 */

const KILLS = 12;

describe('SIGKILLs at random points of a QuickBooks token refresh, strict reading, on sqlite', () => {
  let report: RefreshKillsReport;

  beforeAll(async () => {
    ensureBuilt();
    report = await runRefreshKills({ kills: KILLS, strict: true });
  }, 600_000);

  const describeRun = () =>
    `seed ${report.seed} (REFRESH_KILLS_SEED=${report.seed} npm run bench -- refresh-kills replays the kill points): ` +
    JSON.stringify(report.kills);

  it('loses no connection unless Intuit issued a refresh token value the database does not hold', () => {
    expect(report.kills).toHaveLength(KILLS);
    const lostOutside = report.kills.filter((kill) => kill.lost && !kill.unpersisted);
    expect({ lostOutside, run: lostOutside.length ? describeRun() : '' }).toEqual({ lostOutside: [], run: '' });
  });

  it('identifies the kills in the window exactly: Intuit answered (or was answering), nothing was committed', () => {
    for (const kill of report.kills) {
      // Strict: an unstored new value cannot be replayed, so each such kill costs its connection …
      expect({ index: kill.index, lost: kill.lost }).toEqual({ index: kill.index, lost: kill.unpersisted });
      // … and only a kill that reached Intuit before the commit can leave one.
      if (kill.unpersisted) expect(['before-intuit', 'at-intuit', 'answer-to-commit']).toContain(kill.phase);
      if (kill.phase === 'after-commit') expect(kill).toMatchObject({ committed: true, unpersisted: false });
      if (kill.phase === 'answer-to-commit' || kill.phase === 'at-intuit') expect(kill.unpersisted).toBe(true);
    }
    // The stratified kill points cover the refresh from before Intuit to after the commit.
    expect(report.byPhase['after-commit'].kills).toBeGreaterThan(0);
    expect(report.byPhase['before-intuit'].kills + report.byPhase['at-intuit'].kills).toBeGreaterThan(0);
    expect(report.reconnects).toBe(report.lost);
  });

  it("measures the window on every committed refresh: Intuit's answer received → commit", () => {
    expect(report.answerToCommitMs.length).toBeGreaterThanOrEqual(KILLS - report.lost);
    for (const ms of report.answerToCommitMs) expect(ms).toBeGreaterThan(0);
  });
});
