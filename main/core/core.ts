import type { ApiHandlers } from '../../shared/api';
import { createApi } from './api';
import { createAppHandlers } from './app/handlers';
import type { AppIdentity } from './app/handlers';
import { createArchiveHandlers } from './archive';
import { createDownloadsFeature } from './downloads';
import type { Ports } from './ports';
import { sampleExportUrls, startSampleBackend } from './sample-backend';
import type { SampleBackendOptions } from './sample-backend';
import type { SecretsStatus } from './secrets/secret-store';
import { createDownloadHistory, createDownloadPreferences, createDownloadSources, createStoreHandlers, openStore } from './store';

/** The running core: the API both transports serve, and how to stop it. */
export interface Core {
  api: ApiHandlers;
  /** The built-in sample backend's base URL, or null when it was not started. */
  sampleBackendUrl: string | null;
  /** Stops jobs and servers and closes files; safe to call twice. */
  close(): Promise<void>;
}

/** Options that are not side-effect ports. */
export interface CoreOptions {
  identity: AppIdentity;
  /** Where keys ended up and what to tell the user (default: the keychain, no warning). */
  secretsStatus?: SecretsStatus;
  /** The built-in sample backend: started by default; false leaves it off. */
  sampleBackend?: SampleBackendOptions | false;
}

/**
 * Builds core from its ports: the composition root shared by the app, the bridge and tests.
 * Order matters: state first, then the sample backend (whose profile lives in state), then
 * the features that use both. `close` stops them in reverse.
 */
export async function createCore(ports: Ports, options: CoreOptions): Promise<Core> {
  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const stop of closers.splice(0).reverse()) await stop();
  };
  try {
    const store = openStore(ports.paths.dataDir);
    closers.push(() => store.close());

    const sample = options.sampleBackend === false ? null : await startSampleBackend(options.sampleBackend ?? {});
    if (sample) {
      closers.push(() => sample.close());
      store.ensureSampleProfile(sample.url, sampleExportUrls(sample.url));
    }

    const downloads = createDownloadsFeature({
      sources: createDownloadSources(store, ports.secrets),
      history: createDownloadHistory(store, () => ports.events.emit('history.changed', null)),
      preferences: createDownloadPreferences(store),
      paths: ports.paths,
      dialogs: ports.dialogs,
      notifier: ports.notifier,
      events: ports.events,
    });
    closers.push(() => downloads.close());

    const api = createApi({
      ...createAppHandlers({
        identity: options.identity,
        dataDir: ports.paths.dataDir,
        sampleBackendUrl: () => sample?.url ?? null,
        shell: ports.shell,
      }),
      ...createStoreHandlers({
        store,
        secrets: ports.secrets,
        secretsStatus: options.secretsStatus ?? { backend: 'keychain' },
        dialogs: ports.dialogs,
        downloadsDir: ports.paths.downloadsDir,
        events: ports.events,
      }),
      ...downloads.handlers,
      ...createArchiveHandlers({ dialogs: ports.dialogs, shell: ports.shell, events: ports.events, paths: ports.paths }),
    });
    return { api, sampleBackendUrl: sample?.url ?? null, close };
  } catch (error) {
    await close();
    throw error;
  }
}
