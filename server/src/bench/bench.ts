import 'reflect-metadata';
import { importBenchmark } from './import.bench';
import { refreshKillsBenchmark } from './refresh-kills.bench';
import { table, type Metric } from './metrics';

/**
 * `npm run bench [-- <name>…] [-- --json]`: benchmarks that start what they need (the built server and
 * workers, the simulators, a temporary database) and print figures measured in this one run.
 */
const BENCHMARKS: Record<string, () => Promise<Metric[]>> = {
  import: () =>
    importBenchmark({
      redisUrl: process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      only: process.env.BENCH_SCENARIO,
    }),
  'refresh-kills': () =>
    refreshKillsBenchmark({
      kills: Number(process.env.REFRESH_KILLS ?? 100),
      reading: process.env.REFRESH_KILLS_READING ?? 'strict',
      seed: process.env.REFRESH_KILLS_SEED === undefined ? undefined : Number(process.env.REFRESH_KILLS_SEED),
    }),
};

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
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    console.log(`› ${name}…`);
    metrics.push(...(await (BENCHMARKS[name] as () => Promise<Metric[]>)()));
  }
  console.log(`\n${table(metrics)}\n`);
  if (json) console.log(JSON.stringify({ metrics }));
}

main().catch((error: unknown) => {
  console.error('The benchmark failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
