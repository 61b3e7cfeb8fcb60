// Medians with their spread, as the bench prints them.

export interface Spread {
  median: number;
  min: number;
  max: number;
  count: number;
}

export function spread(values: number[]): Spread | undefined {
  const known = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (known.length === 0) return undefined;
  const middle = Math.floor(known.length / 2);
  const median = known.length % 2 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
  return { median, min: known[0], max: known.at(-1)!, count: known.length };
}

/** `12.3 [11.9–12.8]`; one value alone, without brackets; `–` when nothing was measured. */
export function show(value: Spread | undefined, digits: number, scale = 1): string {
  if (!value) return "–";
  const format = (number: number) => (number / scale).toFixed(digits);
  if (value.count === 1 || format(value.min) === format(value.max)) return format(value.median);
  return `${format(value.median)} [${format(value.min)}–${format(value.max)}]`;
}

/** Per-run ratios `ours[i] / floor[i]`, paired by run. */
export function ratios(ours: number[], floor: number[]): number[] {
  return ours.flatMap((value, index) => (index < floor.length && floor[index] > 0 ? [value / floor[index]] : []));
}

export const table = (header: string[], rows: string[][]): string =>
  [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
