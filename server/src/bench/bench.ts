import 'reflect-metadata';
import { importBenchmark } from './import.bench';
import { refreshKillsBenchmark } from './refresh-kills.bench';
import { asJson, table, type Metric } from './metrics';
import { bundleBenchmark } from './bundle';
import { memoryBenchmark } from './mixed-load';
import { startBenchmark } from './start.bench';
import { statusBenchmark } from './status.bench';

/**
 * `npm run bench [-- <name>…] [-- --json]`: benchmarks that start what they need (the built server and
 * workers, the simulators, a temporary database) and print figures measured in this one run.
 */
const BENCHMARKS: Record<string, () => Promise<Metric[]>> = {
  status: () => statusBenchmark({ mysqlUrl: process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL }),
  import: () =>
    importBenchmark({
      redisUrl: process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      only: process.env.BENCH_SCENARIO,
    }),
  bundle: () => bundleBenchmark(),
  start: startBenchmark,
  memory: memoryBenchmark,
  'refresh-kills': () =>
    refreshKillsBenchmark({
      kills: Number(process.env.REFRESH_KILLS ?? 100),
      reading: process.env.REFRESH_KILLS_READING ?? 'strict',
      seed: process.env.REFRESH_KILLS_SEED === undefined ? undefined : Number(process.env.REFRESH_KILLS_SEED),
    }),
};

/** What `npm run bench` runs with no name: docs/performance.md's figures. refresh-kills runs when named. */
const DEFAULT_BENCHMARKS = ['status', 'bundle', 'import', 'start', 'memory'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const names = args.filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !BENCHMARKS[name]);
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}.`);
    process.exit(2);
  }
  const metrics: Metric[] = [];
  for (const name of names.length > 0 ? names : DEFAULT_BENCHMARKS) {
    console.log(`› ${name}…`);
    metrics.push(...(await BENCHMARKS[name]()));
  }
  console.log(`\n${table(metrics)}\n`);
  if (json) console.log(asJson(metrics));
}

main().catch((error: unknown) => {
  console.error('The benchmark failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
