import { cleanStaleTempFiles } from '../files/temp-files';
import { toAppError } from '../http/to-app-error';
import type { AppErrorException } from '../app-error';
import { batchCount } from '../../../shared/batches';
import { runZipParts } from './zip-parts';
import type { SavedPart, ZipPartsOptions } from './zip-parts';

/** What a zip download ended with: the parts it saved (all of them, or those before it stopped) and why it stopped. */
export interface ZipOutcome {
  parts: SavedPart[];
  /** How many parts the download was split into (1: not split). */
  partCount: number;
  /** Null when every part was saved. */
  error: AppErrorException | null;
}

/**
 * A zip download as the app and the command line both run it: first the temp files an earlier,
 * killed run left in `tempDir` are removed (only those of dead writers), then every part is
 * downloaded, verified and moved into place. A failure or cancel does not throw: the outcome
 * keeps the parts saved before it, for the caller to report with the error.
 */
export async function downloadZip(options: ZipPartsOptions): Promise<ZipOutcome> {
  await cleanStaleTempFiles([options.tempDir]);
  const partCount = batchCount(options.sourceFileUrls.length, options.maxBatchSize);
  const parts: SavedPart[] = [];
  try {
    await runZipParts({
      ...options,
      onPartSaved: (part) => {
        parts.push(part);
        options.onPartSaved?.(part);
      },
    });
    return { parts, partCount, error: null };
  } catch (error) {
    return { parts, partCount, error: toAppError(error) };
  }
}
