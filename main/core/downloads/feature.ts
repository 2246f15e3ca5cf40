import type { Feature, MethodsOf } from '../handlers';
import { DownloadService } from './download-service';
import type { DownloadServiceDeps } from './download-service';
import { cleanStaleTempFiles } from '../files/temp-files';

/** The downloads feature: its handlers, and how to stop its jobs. */
export interface DownloadsFeature extends Feature<MethodsOf<'downloads'>> {
  /** Cancels running jobs and waits for their temp files to be removed. */
  close(): Promise<void>;
}

/**
 * `downloads.*` over one DownloadService. What it records goes through `deps.history`, which
 * the composition root takes from the history feature (the owner of `history.changed`).
 */
export function createDownloadsFeature(deps: DownloadServiceDeps): DownloadsFeature {
  const service = new DownloadService(deps);
  // A download killed mid-way (SIGKILL, power loss) left its temp file behind; remove those of
  // dead writers on every start, in the background so the window does not wait for it.
  const cleaning = staleTempDirs(deps).then(cleanStaleTempFiles);
  return {
    handlers: {
      'downloads.start': (payload) => service.start(payload),
      'downloads.plan': ({ profileId, scope, saveTo }) => service.plan(profileId, scope, saveTo),
      'downloads.check': ({ profileId, scope }) => service.check(profileId, scope),
      'downloads.cancel': ({ jobId }) => ({ cancelled: service.cancel(jobId) }),
      'downloads.list': () => service.list(),
      'downloads.clearFinished': (payload) => ({ removed: service.clearFinished(payload?.failed ?? false) }),
      'downloads.remove': ({ jobId }) => ({ removed: service.remove(jobId) }),
      'downloads.saveUrls': ({ jobId, format }) => service.saveUrls(jobId, format),
      'downloads.fetchUrls': ({ jobId }) => service.fetchUrls(jobId),
      'downloads.resolveConflict': ({ jobId, choice, remember }) => service.resolveConflict(jobId, choice, remember),
    },
    close: async () => {
      await service.close();
      await cleaning;
    },
  };
}

/** Where a download's temp files can be: the temp folder, and (copies across disks) the folders zips are saved in. */
async function staleTempDirs(deps: DownloadServiceDeps): Promise<string[]> {
  const prefs = deps.preferences;
  const chosen = await Promise.all([prefs?.defaultFolder(), prefs?.lastFolder()].map((folder) => folder?.catch(() => null)));
  return [deps.paths.tempDir, deps.paths.downloadsDir, ...chosen.filter((dir): dir is string => typeof dir === 'string')];
}
