import type { TrackedExport, TrackedFileFormat } from '../../../shared/api/tracked';
import { formatCsv } from '../files/csv';

/**
 * A tracked list as file text. Each format reads back with `parseSourceUrls`: txt is one URL a
 * line; csv has a `sourceFileUrl` column (plus label and addedAt); json is an array of objects.
 */
export function formatTrackedList(items: readonly TrackedExport[], format: TrackedFileFormat): string {
  if (format === 'json') {
    const rows = items.map(({ sourceFileUrl, label, addedAt }) => ({ sourceFileUrl, label, addedAt }));
    return JSON.stringify(rows, null, 2) + '\n';
  }
  if (format === 'csv') {
    return formatCsv([['sourceFileUrl', 'label', 'addedAt'], ...items.map((i) => [i.sourceFileUrl, i.label, i.addedAt])]);
  }
  return items.map((i) => i.sourceFileUrl).join('\n') + (items.length ? '\n' : '');
}
