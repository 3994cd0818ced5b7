import 'reflect-metadata';
import { describeMixedLoad, mixedLoad, RSS_GROWTH_TARGET } from './mixed-load';

/**
 * `npm run load-test` (run by .ci/run): the mixed load of docs/performance.md §5 on loopback. Fails when any answer
 * was wrong, any request failed or answered 5xx, or the server's memory grew by more than a fifth after warming up.
 */
async function main(): Promise<void> {
  const result = await mixedLoad(Number(process.env.LOAD_TEST_SECONDS ?? 60));
  console.log(describeMixedLoad(result));
  const problems: string[] = [];
  for (const [label, r] of [
    ['me + connectionStatus', result.polling],
    ['logins', result.logins],
  ] as const) {
    if (r.requests === 0) problems.push(`${label}: no request was answered`);
    if (r.failures > 0) problems.push(`${label}: ${r.failures} wrong answers`);
    if (r.serverErrors > 0) problems.push(`${label}: ${r.serverErrors} answers with a 5xx status`);
    if (r.errors > 0) problems.push(`${label}: ${r.errors} transport errors or timeouts`);
  }
  if (result.rssGrowth > RSS_GROWTH_TARGET) {
    problems.push(`memory grew ×${result.rssGrowth} between 10 s and the end (at most ×${RSS_GROWTH_TARGET})`);
  }
  if (problems.length > 0) {
    console.error(`Load test failed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Load test passed.');
}

main().catch((error: unknown) => {
  console.error('The load test could not run:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
