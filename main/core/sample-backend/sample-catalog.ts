import { crc32 } from 'node:zlib';
import { sampleContent, seededRandom } from './sample-content';
import type { SampleKind } from './sample-content';
import type { ZipEntry } from './zip-writer';

/** The path segment every sample `sourceFileUrl` carries; the backend matches on it, whatever the host and port. */
export const SAMPLE_PREFIX = '/sample-exports/';

/** One export the sample backend knows. */
export interface SampleExport {
  /** Path under `/sample-exports/`, e.g. `reports/report-q1.pdf`. */
  path: string;
  kind: SampleKind;
  /** Approximate size the content is generated to. */
  size: number;
}

/** The deterministic sample catalog: a few dozen exports of several kinds and sizes. */
export const SAMPLE_EXPORTS: readonly SampleExport[] = [
  { path: 'project-a/cover.png', kind: 'png', size: 40_000 },
  { path: 'project-b/cover.png', kind: 'png', size: 60_000 }, // same file name: the zip makes it unique
  ...range(12).map((i) => ({ path: `pages/page-${pad(i)}.png`, kind: 'png' as const, size: 5_000 + i * 9_000 })),
  ...range(6).map((i) => ({ path: `photos/photo-${pad(i)}.jpg`, kind: 'jpg' as const, size: 30_000 + i * 45_000 })),
  ...range(4).map((i) => ({ path: `reports/report-q${i}.pdf`, kind: 'pdf' as const, size: 20_000 * i })),
  { path: 'reports/Résumé – final.pdf', kind: 'pdf', size: 12_000 },
  ...range(5).map((i) => ({ path: `diagrams/diagram-${i}.svg`, kind: 'svg' as const, size: 3_000 * i })),
  ...range(3).map((i) => ({ path: `data/export-${i}.json`, kind: 'json' as const, size: 8_000 * i })),
  { path: 'data/measurements.csv', kind: 'csv', size: 25_000 },
  { path: 'notes/readme.txt', kind: 'txt', size: 600 },
  { path: 'posters/poster-large.png', kind: 'png', size: 2_000_000 },
];

/** The `sourceFileUrl` values of every sample export, under `baseUrl` (the backend's `/api` base). */
export function sampleExportUrls(baseUrl: string): string[] {
  return SAMPLE_EXPORTS.map((sample) => sampleUrl(baseUrl, sample.path));
}

/** The `sourceFileUrl` that makes the backend stream one entry of `mebibytes` MiB (the benchmark knob). */
export function bulkExportUrl(baseUrl: string, mebibytes: number): string {
  return sampleUrl(baseUrl, `bulk/${mebibytes}mib.bin`);
}

function sampleUrl(baseUrl: string, path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${baseUrl.replace(/\/+$/, '')}${SAMPLE_PREFIX}${encoded}`;
}

/** What one item of a request resolves to. */
export type Resolved =
  | { kind: 'sample'; sample: SampleExport; fileName: string }
  | { kind: 'bulk'; mebibytes: number; fileName: string };

/** Resolves a `sourceFileUrl` to a sample by its path (host and port are ignored, so old URLs keep working). */
export function resolveSourceFileUrl(sourceFileUrl: string): Resolved | null {
  let pathname: string;
  try {
    pathname = new URL(sourceFileUrl).pathname;
  } catch {
    return null;
  }
  const at = pathname.indexOf(SAMPLE_PREFIX);
  if (at < 0) return null;
  let path: string;
  try {
    path = decodeURIComponent(pathname.slice(at + SAMPLE_PREFIX.length));
  } catch {
    return null;
  }
  const bulk = /^bulk\/(\d{1,5})mib\.bin$/.exec(path);
  if (bulk) {
    const mebibytes = Number(bulk[1]);
    return mebibytes >= 1 && mebibytes <= 16384 ? { kind: 'bulk', mebibytes, fileName: `bulk-${mebibytes}mib.bin` } : null;
  }
  const sample = SAMPLE_EXPORTS.find((candidate) => candidate.path === path);
  return sample ? { kind: 'sample', sample, fileName: path.split('/').pop() ?? path } : null;
}

const contentCache = new Map<string, Buffer>();

/** The bytes of a sample export (generated once, then cached: the whole catalog is a few MiB). */
export function contentOf(sample: SampleExport): Buffer {
  let content = contentCache.get(sample.path);
  if (!content) {
    content = sampleContent(sample.kind, sample.path, sample.size);
    contentCache.set(sample.path, content);
  }
  return content;
}

const BLOCK = 1024 * 1024;
let bulkBlock: Buffer | null = null;
const bulkCrcs = new Map<number, number>();

function block(): Buffer {
  if (!bulkBlock) {
    const random = seededRandom(0xb01c);
    bulkBlock = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i += 4) bulkBlock.writeUInt32LE(Math.floor(random() * 4294967296), i);
  }
  return bulkBlock;
}

/** A zip entry for a resolved item: samples are streamed in chunks with a data descriptor; bulk entries have a precomputed CRC. */
export function zipEntryFor(resolved: Resolved, name: string): ZipEntry {
  if (resolved.kind === 'sample') {
    const content = contentOf(resolved.sample);
    return { name, size: content.length, data: () => chunks(content, 16 * 1024) };
  }
  const count = resolved.mebibytes;
  let crc = bulkCrcs.get(count);
  if (crc === undefined) {
    crc = 0;
    for (let i = 0; i < count; i++) crc = crc32(block(), crc);
    bulkCrcs.set(count, crc);
  }
  return { name, size: count * BLOCK, crc, data: () => repeat(block(), count) };
}

async function* chunks(content: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < content.length; at += size) yield content.subarray(at, at + size);
}

async function* repeat(chunk: Buffer, count: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < count; i++) yield chunk;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
