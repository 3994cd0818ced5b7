/** One figure of `npm run bench`; `met` compares it with its target. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  target?: number;
  met?: boolean;
  /** The target is a ceiling (latency, size, time, growth), not a floor. */
  atMost?: boolean;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `npm run bench -- --json`'s last line: the figures in the issue's shape. */
export function asJson(metrics: Metric[]): string {
  return JSON.stringify({
    metrics: metrics.map(({ name, value, unit, target, met }) => ({ name, value, unit, target, met })),
  });
}

export function table(metrics: Metric[]): string {
  const rows = metrics.map((m) => [
    m.name,
    `${m.value} ${m.unit}`,
    m.target === undefined ? '' : `target ${m.atMost ? '≤' : '≥'} ${m.target}`,
    m.met === undefined ? '' : m.met ? 'met' : 'NOT MET',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), 0));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
