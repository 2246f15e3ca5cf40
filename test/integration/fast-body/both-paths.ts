/** Runs one zip download on a chosen body path and reports what a comparison of the two paths needs. */
import type { AppError } from '../../../shared/errors';
import { appErrorOf } from '../../../main/core/app-error';
import { runZipDownload } from '../../../main/core/downloads/zip-download';
import type { BodyPath, ZipDownloadOptions, ZipDownloadResult } from '../../../main/core/downloads/zip-download';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

/** What one run came to: the result or the AppError, and whether anything was left on disk. */
export interface PathRun {
  result: ZipDownloadResult | null;
  error: AppError | null;
  /** Files left in the save and temp folders (always none after a failure). */
  leftovers: { saved: string[]; temp: string[] };
}

/** Runs `runZipDownload` on `path` with `options` (into the fixture's folders unless they say otherwise). */
export async function runOnPath(fx: SampleFixture, path: BodyPath, options: Omit<ZipDownloadOptions, 'destination' | 'tempDir'> & Partial<ZipDownloadOptions>): Promise<PathRun> {
  const outcome = await runZipDownload({ destination: { kind: 'folder', dir: fx.saveDir }, tempDir: fx.tempDir, ...options, bodyPath: path }).then(
    (result) => ({ result, error: null }),
    (error: unknown) => {
      const appError = appErrorOf(error);
      if (!appError) throw error;
      return { result: null, error: appError };
    },
  );
  return { ...outcome, leftovers: { saved: fx.files(fx.saveDir), temp: fx.files(fx.tempDir) } };
}

/** The parts of an AppError both paths must give alike. */
export function sameAs(error: AppError | null): Partial<AppError> | null {
  if (!error) return null;
  const { kind, message, status, backendMessage, noKey } = error;
  return { kind, message, status, backendMessage, noKey };
}
