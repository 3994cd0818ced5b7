import type { Metric } from './metrics';
import { KILL_PHASES, percentile, runRefreshKills, type RefreshKillsReport } from './refresh-kills';

/**
 * `npm run bench -- refresh-kills` (docs/token-manager.md §4): 100 SIGKILLs of a server process at random
 * points of a QuickBooks token refresh under Intuit's strict reading (REFRESH_KILLS=n for another count,
 * REFRESH_KILLS_READING=lenient|both, REFRESH_KILLS_SEED=n to replay a run's kill points).
 */

const round = (value: number) => Math.round(value * 1000) / 1000;

function metricsOf(report: RefreshKillsReport): Metric[] {
  const label = `refresh kills (${report.reading})`;
  const metrics: Metric[] = [
    { name: `${label}: kills`, value: report.kills.length, unit: 'kills' },
    { name: `${label}: connections lost`, value: report.lost, unit: 'connections' },
    {
      name: `${label}: lost with nothing unstored (outside the window)`,
      value: report.lostOutsideWindow,
      unit: 'connections',
      target: 0,
      met: report.lostOutsideWindow === 0,
    },
    { name: `${label}: kills that left a new token unstored`, value: report.unpersisted, unit: 'kills' },
    { name: `${label}: of those, healed by the restart`, value: report.healed, unit: 'kills' },
  ];
  for (const phase of KILL_PHASES) {
    const counts = report.byPhase[phase];
    metrics.push({
      name: `${label}: killed ${phase}: kills / unstored / lost`,
      value: counts.kills,
      unit: `kills / ${counts.unpersisted} / ${counts.lost}`,
    });
  }
  for (const [name, values] of [
    ["answer received → commit (Mobius's part)", report.answerToCommitMs],
    ['of which the UPDATE (durable commit)', report.commitMs],
    ["Intuit's answer written → commit", report.issueToCommitMs],
  ] as const) {
    metrics.push(
      { name: `${label}: ${name}, median`, value: round(percentile(values, 50)), unit: 'ms' },
      { name: `${label}: ${name}, p99`, value: round(percentile(values, 99)), unit: 'ms' },
      { name: `${label}: ${name}, max`, value: round(Math.max(...values)), unit: `ms (${values.length} refreshes)` },
    );
  }
  return metrics;
}

export async function refreshKillsBenchmark(options: {
  kills: number;
  reading: string;
  seed?: number;
}): Promise<Metric[]> {
  if (!Number.isSafeInteger(options.kills) || options.kills < 1 || options.kills > 1000) {
    throw new RangeError('REFRESH_KILLS must be a whole number from 1 to 1000.');
  }
  if (!['strict', 'lenient', 'both'].includes(options.reading)) {
    throw new RangeError('REFRESH_KILLS_READING must be strict, lenient or both.');
  }
  const readings = options.reading === 'both' ? [true, false] : [options.reading === 'strict'];
  const metrics: Metric[] = [];
  for (const strict of readings) {
    const started = Date.now();
    const report = await runRefreshKills({
      kills: options.kills,
      strict,
      seed: options.seed,
      progress: (line) => console.log(line),
    });
    console.log(
      `  ${report.reading}: seed ${report.seed}, ${report.kills.length} kills in ${Math.round((Date.now() - started) / 1000)} s, ${report.reconnects} reconnections`,
    );
    metrics.push(...metricsOf(report));
  }
  return metrics;
}
