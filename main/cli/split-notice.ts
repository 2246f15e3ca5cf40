import { basename } from 'node:path';
import { batchCount, partBaseOf, partFileName } from '../../shared/batches';

/**
 * What `download` says on stderr before a download that the maximum batch size splits, or
 * null when it is not split. `outFile`: the file `--out` names, which gives the parts their
 * name (otherwise the backend's name for the first part does).
 */
export function splitNotice(count: number, maxBatchSize: number | null, mode: 'zip' | 'urls', outFile: string | null): string | null {
  const parts = batchCount(count, maxBatchSize);
  if (parts === 1) return null;
  const batches = `${count} exports, at most ${maxBatchSize} a request: ${parts} requests`;
  if (mode === 'urls') return `${batches}, one after another; their URLs are merged.`;
  const base = outFile ? partBaseOf(basename(outFile)) : 'NAME';
  const names = `"${partFileName(base, 1, parts)}" … "${partFileName(base, parts, parts)}"`;
  return `${batches}, saved as ${parts} zip files, ${names}${outFile ? '' : ' (NAME: the name the backend gives the first part)'}.`;
}
