import type { Feature, MethodsOf } from '../handlers';
import { DownloadService } from './download-service';
import type { DownloadServiceDeps } from './download-service';

/** The downloads feature: its handlers, and the running service they drive (for tests). */
export interface DownloadsFeature extends Feature<MethodsOf<'downloads'>> {
  service: DownloadService;
  /** Cancels running jobs and waits for their temp files to be removed. */
  close(): Promise<void>;
}

/**
 * `downloads.*` over one DownloadService. What it records goes through `deps.history`, which
 * the composition root takes from the history feature (the owner of `history.changed`).
 */
export function createDownloadsFeature(deps: DownloadServiceDeps): DownloadsFeature {
  const service = new DownloadService(deps);
  return {
    service,
    handlers: {
      'downloads.start': (payload) => service.start(payload),
      'downloads.cancel': ({ jobId }) => ({ cancelled: service.cancel(jobId) }),
      'downloads.list': () => service.list(),
      'downloads.saveUrls': ({ jobId, format }) => service.saveUrls(jobId, format),
      'downloads.fetchUrls': ({ jobId }) => service.fetchUrls(jobId),
    },
    close: () => service.close(),
  };
}
