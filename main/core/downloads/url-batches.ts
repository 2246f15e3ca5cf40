import { splitIntoBatches } from '../../../shared/batches';
import type { BatchRequest } from '../http/batch-client';
import { requestExportUrls } from '../http/export-urls';
import type { ExportUrls } from '../http/export-urls';
import { toAppError } from '../http/to-app-error';
import { batchFailure } from './batch-failure';

/**
 * URL mode for any number of exports: one request, or (above `maxBatchSize`) one request per
 * batch, one after another, with the answers merged in order as if one request had been made.
 * `onBatch` hears which batch is about to be sent. A failing batch fails the whole (its error
 * says which batch); nothing half-merged is returned.
 */
export async function requestExportUrlsInBatches(
  request: Omit<BatchRequest, 'mode'>,
  maxBatchSize: number | null,
  onBatch?: (batch: number, batches: number) => void,
): Promise<ExportUrls> {
  const batches = splitIntoBatches(request.sourceFileUrls, maxBatchSize);
  if (batches.length === 1) return requestExportUrls(request);
  const merged: ExportUrls = { exportedUrls: [], skipped: [] };
  for (const [i, sourceFileUrls] of batches.entries()) {
    onBatch?.(i + 1, batches.length);
    try {
      const answer = await requestExportUrls({ ...request, sourceFileUrls });
      merged.exportedUrls.push(...answer.exportedUrls);
      merged.skipped.push(...answer.skipped);
    } catch (error) {
      throw batchFailure(toAppError(error), 'batch', i + 1, batches.length);
    }
  }
  return merged;
}
