import type { SkippedExport } from '../../../shared/api/downloads';
import { formatCsv } from '../files/csv';
import { writeFileAtomically } from '../files/write-atomically';

/** The formats a URL-mode result can be saved in. */
export type UrlListFormat = 'txt' | 'csv' | 'json';

/** What a URL-mode job produced. */
export interface UrlList {
  exportedUrls: string[];
  skipped: SkippedExport[];
}

function skippedValue(item: SkippedExport): unknown {
  try {
    return JSON.parse(item.raw) as unknown;
  } catch {
    return item.raw; // raw is JSON text by construction; keep something if it ever is not
  }
}

/**
 * The file text for a URL-mode result. txt: one exported URL a line (skipped items have no URL
 * to open, so they are left out). csv: `url,status,reason` with `exported` rows, then `skipped`
 * rows (the skipped item's sourceFileUrl, or its raw JSON when it named none). json: the
 * backend's shape, `{ exportedUrls, skipped }`, with skipped items exactly as received.
 */
export function formatUrlList(list: UrlList, format: UrlListFormat): string {
  if (format === 'txt') return list.exportedUrls.map((url) => `${url}\n`).join('');
  if (format === 'json') return `${JSON.stringify({ exportedUrls: list.exportedUrls, skipped: list.skipped.map(skippedValue) }, null, 2)}\n`;
  const rows = [['url', 'status', 'reason']];
  for (const url of list.exportedUrls) rows.push([url, 'exported', '']);
  for (const item of list.skipped) rows.push([item.sourceFileUrl ?? item.raw, 'skipped', item.reason ?? '']);
  return formatCsv(rows);
}

/** Writes the list to `path` (already confirmed by the save dialog) atomically; a failure is a `disk` error naming the file. */
export async function writeUrlList(path: string, list: UrlList, format: UrlListFormat): Promise<void> {
  await writeFileAtomically(path, formatUrlList(list, format));
}
