import { afterEach, beforeEach } from 'vitest';
import type { ApiHandlers } from '../../shared/api';
import { createApi } from '../../main/core/api';
import { FileGrants } from '../../main/core/file-grants';
import { createHistoryFeature } from '../../main/core/history/feature';
import { createKeysFeature } from '../../main/core/keys/feature';
import type { EventSink } from '../../main/core/ports';
import { createProfilesFeature } from '../../main/core/profiles/feature';
import type { SecretsStatus } from '../../main/core/secrets/secret-store';
import { createSettingsFeature } from '../../main/core/settings/feature';
import type { Store } from '../../main/core/store/store';
import { createTrackedFeature } from '../../main/core/tracked/feature';
import { MemorySecretStore } from './memory-secret-store';
import { createStoreFixture } from './store-fixture';
import type { StoreFixture } from './store-fixture';
import { ScriptedDialogs } from './test-ports';

/** A key long enough to have a hint, and distinctive enough to search files for. */
export const STATE_TEST_KEY = 'sk-live-0123456789abcdef';

/** What the state features are built from, as core passes it; a test may swap a part before composing. */
export interface StateDeps {
  store: Store;
  secrets: MemorySecretStore;
  secretsStatus: SecretsStatus;
  dialogs: ScriptedDialogs;
  downloadsDir: string;
  events: EventSink;
  grants: FileGrants;
}

/** The handlers of profiles, keys, tracked, history and settings, composed as core composes them. */
export function stateHandlers(deps: StateDeps) {
  return {
    ...createProfilesFeature(deps).handlers,
    ...createKeysFeature(deps).handlers,
    ...createTrackedFeature(deps).handlers,
    ...createHistoryFeature(deps).handlers,
    ...createSettingsFeature(deps).handlers,
  };
}

/** The methods the state features answer. */
export type StateMethod = keyof ReturnType<typeof stateHandlers>;

/** A fresh store with the five state features over it, and what they emitted. */
export interface StateFeaturesFixture {
  fx: StoreFixture;
  deps: StateDeps;
  /** The names of the events emitted so far, in order. */
  emitted: string[];
  /** The handlers composed now, from `deps` as they are (so a test's swap takes effect). */
  handlers(): ReturnType<typeof stateHandlers>;
  /** The same handlers behind `createApi`: validated payloads, failures as data. */
  api(): Pick<ApiHandlers, StateMethod>;
  cleanup(): void;
}

/** Opens a store in a temporary folder and the state features over it; call `cleanup` in afterEach. */
export function createStateFeaturesFixture(): StateFeaturesFixture {
  const fx = createStoreFixture();
  const emitted: string[] = [];
  const deps: StateDeps = {
    store: fx.store,
    secrets: new MemorySecretStore(),
    secretsStatus: { backend: 'keychain' },
    dialogs: new ScriptedDialogs(),
    downloadsDir: fx.root,
    events: { emit: (name) => void emitted.push(name) },
    grants: new FileGrants(),
  };
  const handlers = () => stateHandlers(deps);
  return { fx, deps, emitted, handlers, api: () => createApi(handlers()), cleanup: () => fx.cleanup() };
}

/**
 * A fresh fixture for each test of the calling `describe` (made before each, cleaned up after):
 * the returned view always reads the current test's fixture.
 */
export function useStateFeatures(): StateFeaturesFixture {
  let current: StateFeaturesFixture | undefined;
  beforeEach(() => {
    current = createStateFeaturesFixture();
  });
  afterEach(() => current?.cleanup());
  const now = (): StateFeaturesFixture => {
    if (!current) throw new Error('useStateFeatures: read inside a test, not while the describe is collected');
    return current;
  };
  return {
    get fx() { return now().fx; },
    get deps() { return now().deps; },
    get emitted() { return now().emitted; },
    handlers: () => now().handlers(),
    api: () => now().api(),
    cleanup: () => now().cleanup(),
  };
}
