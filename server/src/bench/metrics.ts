/** One figure of `npm run bench`; `met` compares it with its target. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  target?: number;
  met?: boolean;
}

export function table(metrics: Metric[]): string {
  const rows = metrics.map((m) => [
    m.name,
    `${m.value} ${m.unit}`,
    m.target === undefined ? '' : `target ${m.unit === 'ratio' ? '≥' : '='} ${m.target}`,
    m.met === undefined ? '' : m.met ? 'met' : 'NOT MET',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => (row[i] as string).length), 0));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
