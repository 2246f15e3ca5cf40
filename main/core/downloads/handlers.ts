import type { downloadsMethods } from '../../../shared/api/downloads';
import { checkConnection } from '../backend/check-connection';
import type { HandlerTable } from '../handlers';
import type { DownloadSources } from './download-ports';
import { DownloadService } from './download-service';
import type { DownloadServiceDeps } from './download-service';

/** Handlers for `downloads.*`, over a running DownloadService. */
export function createDownloadHandlers(deps: {
  service: DownloadService;
  sources: DownloadSources;
}): HandlerTable<keyof typeof downloadsMethods | 'profiles.checkConnection'> {
  return {
    'downloads.start': (payload) => deps.service.start(payload),
    'downloads.cancel': ({ jobId }) => ({ cancelled: deps.service.cancel(jobId) }),
    'downloads.list': () => deps.service.list(),
    'downloads.saveUrls': ({ jobId, format }) => deps.service.saveUrls(jobId, format),
    'downloads.fetchUrls': ({ jobId }) => deps.service.fetchUrls(jobId),
    'profiles.checkConnection': async ({ id }) => {
      const { baseUrl, apiKey } = await deps.sources.resolve(id, []);
      return checkConnection({ baseUrl, apiKey, timeouts: { connectMs: 10_000, idleMs: 15_000 } });
    },
  };
}

/** The whole feature for the composition root: the service, its handlers, and how to stop it. */
export function createDownloadsFeature(deps: DownloadServiceDeps): {
  service: DownloadService;
  handlers: HandlerTable<keyof typeof downloadsMethods | 'profiles.checkConnection'>;
  /** Cancels running jobs and waits for their temp files to be removed. */
  close(): Promise<void>;
} {
  const service = new DownloadService(deps);
  return { service, handlers: createDownloadHandlers({ service, sources: deps.sources }), close: () => service.close() };
}
