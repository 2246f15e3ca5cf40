/**
 * How a download larger than a profile's maximum batch size is split: the arithmetic and the
 * part names, shared by the core (which splits), the command line and the window (which say so
 * before starting).
 */

/** The largest maximum batch size a profile may set (and the most exports one request may carry). */
export const MAX_BATCH_SIZE = 100_000;

/** How many requests `count` exports take with at most `max` a request; `max` null: one. */
export function batchCount(count: number, max: number | null): number {
  if (max === null || count <= max) return 1;
  return Math.ceil(count / max);
}

/** `items` cut into consecutive runs of at most `max`, in order; `max` null: one run. */
export function splitIntoBatches<T>(items: readonly T[], max: number | null): T[][] {
  const size = max === null ? items.length : max;
  if (items.length <= size) return [[...items]];
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

const ZIP_EXT = /\.zip$/i;
const PART_SUFFIX = / \(part \d+ of \d+\)$/;

/** The name a split zip's parts share: a zip name without `.zip` and without a ` (part k of n)` suffix. */
export function partBaseOf(filename: string): string {
  return filename.replace(ZIP_EXT, '').replace(PART_SUFFIX, '');
}

/** `name (part 2 of 3).zip`: the file name of one part of a split zip download. */
export function partFileName(base: string, part: number, parts: number): string {
  return `${base} (part ${part} of ${parts}).zip`;
}
