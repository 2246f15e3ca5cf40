import type { ApiHandlers } from '../../shared/api';
import type { DownloadJob, DownloadProgress } from '../../shared/api/downloads';
import { createApi } from '../../main/core/api';
import { fail } from '../../main/core/app-error';
import type { DownloadPreferences, DownloadSources, HistoryEntry } from '../../main/core/downloads';
import { createDownloadsFeature } from '../../main/core/downloads';
import type { Timeouts } from '../../main/core/http/http-stream';
import { sampleExportUrls } from '../../main/core/sample-backend/sample-catalog';
import type { SampleBackend, SampleBackendOptions } from '../../main/core/sample-backend/server';
import { finishedJob } from './job-events';
import type { SampleFixture } from './sample-backend-fixture';
import type { TestPorts } from './test-ports';

/** What one download-service test runs against: a sample backend and the downloads feature over it. */
export interface DownloadHarness {
  backend: SampleBackend;
  /** The downloads.* methods, validated as the window calls them. */
  api: Pick<ApiHandlers, `downloads.${string}` & keyof ApiHandlers>;
  /** Profile "p1" tracks these URLs as exports "e1", "e2", … in this order. */
  urls: string[];
  history: HistoryEntry[];
  /** Tracks one more URL in "p1" (as an add in the window would); returns its id. */
  track(url: string): string;
  finished(jobId: string): Promise<DownloadJob>;
  progressOf(jobId: string): DownloadProgress[];
  /** Cancels running jobs and waits for their temp files to go (also done by `cleanup`). */
  close(): Promise<void>;
}

export interface DownloadHarnessOptions {
  backend?: SampleBackendOptions;
  /** The URLs profile "p1" tracks (default: the backend's first 4 sample exports). */
  urls?: (backend: SampleBackend) => string[];
  /** The profile's key (default: the backend's; null: none). */
  apiKey?: string | null;
  /** The profile's base URL (default: the backend's). */
  baseUrl?: (backend: SampleBackend) => string;
  maxBatchSize?: number | null;
  fetchConcurrency?: number;
  timeouts?: Partial<Timeouts>;
  /** The app that writes a zip's manifest (none without). */
  app?: { name: string; version: string };
  /** Save-location and manifest settings (none: the dialog asks, a manifest is written when `app` is given). */
  preferences?: DownloadPreferences;
}

/**
 * The one way the download tests build the downloads feature: profile "p1" over a sample
 * backend, whose exports "e1".."eN" a scope names by id or by a substring of the URL (the empty
 * filter: all), as the store does. Any other profile is gone (`state`).
 */
export async function startDownloadHarness(fx: SampleFixture, ports: TestPorts, options: DownloadHarnessOptions = {}): Promise<DownloadHarness> {
  const backend = await fx.start(options.backend);
  const urls = options.urls?.(backend) ?? sampleExportUrls(backend.url).slice(0, 4);
  const exports = urls.map((sourceFileUrl, i) => ({ id: `e${i + 1}`, sourceFileUrl }));
  const apiKey = options.apiKey === undefined ? backend.apiKey : options.apiKey;
  const sources: DownloadSources = {
    async resolve(profileId, scope) {
      if (profileId !== 'p1') fail('state', `That profile no longer exists (${profileId}).`);
      const picked = !scope ? [] : 'ids' in scope ? exports.filter((item) => scope.ids.includes(item.id)) : exports.filter((item) => item.sourceFileUrl.includes(scope.filter.trim()));
      if (scope && 'ids' in scope && picked.length === 0) fail('state', 'None of the selected exports is tracked any more.');
      return {
        baseUrl: options.baseUrl?.(backend) ?? backend.url,
        apiKey,
        sourceFileUrls: picked.map((item) => item.sourceFileUrl),
        exportIds: picked.map((item) => item.id),
        profileName: 'Sample backend',
        maxBatchSize: options.maxBatchSize ?? null,
      };
    },
  };
  const history: HistoryEntry[] = [];
  const feature = createDownloadsFeature({
    sources,
    history: { record: (entry) => void history.push(entry) },
    paths: ports.paths,
    dialogs: ports.dialogs,
    notifier: ports.notifier,
    events: ports.events,
    timeouts: { connectMs: 2000, idleMs: 2000, ...options.timeouts },
    retry: { baseDelayMs: 20 },
    fetchConcurrency: options.fetchConcurrency,
    app: options.app,
    preferences: options.preferences,
  });
  fx.onCleanup(() => feature.close());
  return {
    backend,
    api: createApi(feature.handlers),
    urls,
    history,
    track: (sourceFileUrl) => {
      const id = `e${exports.length + 1}`;
      exports.push({ id, sourceFileUrl });
      return id;
    },
    finished: (jobId) => finishedJob(ports.events, jobId),
    progressOf: (jobId) => ports.events.recorded.filter((e) => e.name === 'downloads.progress' && (e.payload as DownloadProgress).jobId === jobId).map((e) => e.payload as DownloadProgress),
    close: () => feature.close(),
  };
}
