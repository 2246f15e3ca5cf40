import { cleanStaleTempFiles } from '../files/temp-files';
import { toAppError } from '../http/to-app-error';
import { appError } from '../app-error';
import type { AppErrorException } from '../app-error';
import { batchCount } from '../../../shared/batches';
import { writeManifest } from '../archive';
import { runZipParts } from './zip-parts';
import type { ManifestContext, SavedPart, ZipPartsOptions } from './zip-parts';

/** What a zip download ended with: the parts it saved (all of them, or those before it stopped) and why it stopped. */
export interface ZipOutcome {
  parts: SavedPart[];
  /** How many parts the download was split into (1: not split). */
  partCount: number;
  /** The manifest written beside the zip (the set's, for a split download); null when none was asked for or nothing was saved. */
  manifestPath: string | null;
  /** Null when every part was saved. */
  error: AppErrorException | null;
}

/**
 * Writes the manifest of the parts saved; a failure to write it is the download's error (the
 * zip is kept and listed, and the message says the manifest is what is missing).
 */
async function manifestOf(context: ManifestContext, options: ZipPartsOptions, parts: SavedPart[], partCount: number, complete: boolean): Promise<string> {
  try {
    return await writeManifest(
      { app: context.app, profileName: context.profileName, baseUrl: options.baseUrl, requested: options.sourceFileUrls.length, partCount, complete, check: context.check },
      // The runner hashed every body and entry (digestEntries, hashBody: true) because a manifest was asked for.
      parts.map((part) => ({ ...part, sha256: part.sha256 ?? '', entries: part.digests ?? [] })),
    );
  } catch (error) {
    const reason = toAppError(error);
    throw appError('disk', `The zip was saved, but its manifest could not be written: ${reason.message}`, { cause: error });
  }
}

/**
 * A zip download as the app and the command line both run it: first the temp files an earlier,
 * killed run left in `tempDir` are removed (only those of dead writers), then every part is
 * downloaded, verified and moved into place, and (with `manifest`) every entry read back and
 * hashed before its move, and the manifest of the parts saved written beside them at the end,
 * also when the download stopped part-way (`complete: false`). A split download rewrites it after
 * every part too, so a process killed part-way (the app quit, a crash, the machine off) leaves a
 * manifest of what it saved for its resume. A failure or cancel does not throw: the outcome
 * keeps the parts saved before it, for the caller to report with the error.
 */
export async function downloadZip(options: ZipPartsOptions): Promise<ZipOutcome> {
  await cleanStaleTempFiles([options.tempDir]);
  const partCount = batchCount(options.sourceFileUrls.length, options.maxBatchSize);
  const parts: SavedPart[] = [];
  const context = options.manifest ?? null;
  let error: AppErrorException | null = null;
  try {
    await runZipParts({
      ...options,
      digestEntries: context !== null,
      hashBody: true,
      onPartSaved: async (part) => {
        parts.push(part);
        await options.onPartSaved?.(part);
        // The final manifest follows; one that cannot be written now is the final one's to report.
        if (context && parts.length < partCount) await manifestOf(context, options, parts, partCount, false).catch(() => {});
      },
    });
  } catch (thrown) {
    error = toAppError(thrown);
  }
  let manifestPath: string | null = null;
  if (context && parts.length > 0) {
    try {
      manifestPath = await manifestOf(context, options, parts, partCount, error === null);
    } catch (thrown) {
      error ??= toAppError(thrown);
    }
  }
  return { parts, partCount, manifestPath, error };
}
