import type { ApiHandlers } from '../../shared/api';
import { createApi } from './api';
import { createAppFeature } from './app';
import type { AppIdentity } from './app';
import { createArchiveFeature } from './archive';
import { createDownloadPreferences, createDownloadSources, createDownloadsFeature } from './downloads';
import { FileGrants } from './file-grants';
import type { Feature } from './handlers';
import type { Ports } from './ports';
import { sampleExportUrls, startSampleBackend } from './sample-backend';
import type { SampleBackendOptions } from './sample-backend';
import { createKeysFeature } from './keys';
import type { SecretsStatus } from './secrets/secret-store';
import { createHistoryFeature } from './history';
import { createProfilesFeature } from './profiles';
import { createSettingsFeature } from './settings';
import { openStore } from './store/store';
import { whileBusy } from './store/while-busy';
import { followingNetwork } from './http/network/app-network';
import { ProxyLoginQuestions } from './http/network/login-questions';
import { createNetworkFeature } from './http/network/network-feature';
import { keychainProxyLogins } from './http/network/remembered-logins';
import { RouteNotes } from './http/network/route-notes';
import { createTrackedFeature } from './tracked';

/** The running core: the API both transports serve, and how to stop it. */
export interface Core {
  api: ApiHandlers;
  /** The built-in sample backend's base URL, or null when it was not started. */
  sampleBackendUrl: string | null;
  /** The files and folders the renderer may act on, by id (a dropped or OS-opened file gets its id here). */
  grants: FileGrants;
  /** Stops jobs and servers and closes files; safe to call twice. */
  close(): Promise<void>;
}

/** Options that are not side-effect ports. */
export interface CoreOptions {
  identity: AppIdentity;
  /** Where keys ended up and what to tell the user (default: the keychain, no warning); read at every call. */
  secretsStatus?: SecretsStatus;
  /** Resolves when `secretsStatus` becomes known, when it was `checking` at start (the app does not wait for the keychain). */
  secretsSettled?: Promise<unknown>;
  /** The built-in sample backend: started by default; false leaves it off. */
  sampleBackend?: SampleBackendOptions | false;
}

/**
 * Builds core from its ports: the composition root shared by the app, the bridge and tests.
 * It only composes: state first, then the sample backend (whose profile lives in state), then
 * one feature per namespace of the contract. `close` stops them in reverse.
 */
export async function createCore(ports: Ports, options: CoreOptions): Promise<Core> {
  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const stop of closers.splice(0).reverse()) await stop();
  };
  /** Keeps a feature's close for the way down, and hands the feature back. */
  const started = <F extends Feature<never>>(feature: F): F => {
    if (feature.close) closers.push(() => feature.close?.());
    return feature;
  };
  try {
    const { paths, secrets, dialogs, events, shell } = ports;
    const grants = new FileGrants();
    const secretsStatus = options.secretsStatus ?? { backend: 'keychain' };
    // Opening migrates after an update, and the sample profile is written on every start (its
    // port changes): either may meet another process's write, waited out without blocking.
    const store = await whileBusy(() => openStore(paths.dataDir));
    closers.push(() => store.close());

    const sample = options.sampleBackend === false ? null : await startSampleBackend(options.sampleBackend ?? {});
    if (sample) {
      closers.push(() => sample.close());
      await whileBusy(() => store.ensureSampleProfile(sample.url, sampleExportUrls(sample.url)));
    }

    const app = started(createAppFeature({ identity: options.identity, dataDir: paths.dataDir, sampleBackendUrl: () => sample?.url ?? null, shell, grants }));
    // Every request follows Settings → Network as it is when the request starts. A proxy's 407
    // asks the window (one question a proxy); a login the person asks to remember goes to the
    // keychain beside the profiles' keys, never to the settings.
    const loginQuestions = new ProxyLoginQuestions({ events, notifier: ports.notifier, keptIn: () => secretsStatus.backend });
    const routeNotes = new RouteNotes(events);
    const network = followingNetwork(() => store.settings.get(), {
      resolver: ports.proxyResolver ?? null,
      logins: keychainProxyLogins(secrets, loginQuestions.ask),
      noteSkipped: routeNotes.add,
    });
    const profiles = started(createProfilesFeature({ store, secrets, events, network }));
    const keys = started(createKeysFeature({ store, secrets, secretsStatus, events }));
    const tracked = started(createTrackedFeature({ store, dialogs, downloadsDir: paths.downloadsDir, events, grants }));
    const history = started(createHistoryFeature({ store, events, grants }));
    const settings = started(createSettingsFeature({ store, secretsStatus, secretsSettled: options.secretsSettled, events, dialogs, downloadsDir: paths.downloadsDir }));
    const downloads = started(
      createDownloadsFeature({
        sources: createDownloadSources(store, secrets),
        history: history.downloadHistory,
        preferences: createDownloadPreferences(store, settings.change),
        paths,
        dialogs,
        notifier: ports.notifier,
        events,
        grants,
        app: { name: options.identity.name, version: options.identity.version },
        network,
      }),
    );
    const archive = started(createArchiveFeature({ dialogs, shell, events, paths, grants }));
    // Last, so it closes first: requests waiting for a proxy login end before the jobs are stopped.
    const networkFeature = started(createNetworkFeature({ questions: loginQuestions, notes: routeNotes }));

    const api: ApiHandlers = createApi({
      ...app.handlers,
      ...profiles.handlers,
      ...keys.handlers,
      ...tracked.handlers,
      ...history.handlers,
      ...settings.handlers,
      ...networkFeature.handlers,
      ...downloads.handlers,
      ...archive.handlers,
    });
    return { api, sampleBackendUrl: sample?.url ?? null, grants, close };
  } catch (error) {
    await close();
    throw error;
  }
}
