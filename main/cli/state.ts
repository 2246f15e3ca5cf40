import { payloadSchema } from '../../shared/api';
import type { MethodValue } from '../../shared/api';
import type { Profile } from '../../shared/api/profiles';
import type { PayloadIn } from '../../shared/contract';
import type { Methods } from '../../shared/api';
import { fail } from '../core/app-error';
import type { Dialogs } from '../core/ports';
import { KeytarSecretStore } from '../core/secrets';
import type { SecretStore } from '../core/secrets';
import { createStoreHandlers, openStore } from '../core/store';
import type { Store, StoreMethodName } from '../core/store';
import { appDataDir } from './app-data-dir';

/** The app's state as the command line uses it: the same database and keychain entries. */
export interface CliState {
  store: Store;
  secrets: SecretStore;
  /** Calls a state method exactly as the app does (same validation, same rules). */
  call<M extends StoreMethodName>(name: M, payload: PayloadIn<Methods[M]>): Promise<MethodValue<M>>;
  /** The profile called `name` (case-insensitive), or a clear error. */
  profileByName(name: string): Profile;
  /** The profile's key from the keychain, or null when it has none. */
  apiKey(profileId: string): Promise<string | null>;
  /** Every sourceFileUrl the profile tracks. */
  trackedUrls(profileId: string): string[];
  close(): void;
}

/** The command line has no windows: a method that would open a dialog says so. */
const noDialogs: Dialogs = {
  saveAs: () => fail('validation', 'The command line cannot show a save dialog; give a path instead.'),
  openFiles: () => fail('validation', 'The command line cannot show an open dialog; give a path instead.'),
  chooseFolder: () => fail('validation', 'The command line cannot show a folder dialog; give a path instead.'),
};

/** Opens the state in the app's data folder (or `EXPORT_MANAGER_USER_DATA`). */
export function openCliState(env: NodeJS.ProcessEnv): CliState {
  const dataDir = appDataDir(env);
  const store = openStore(dataDir);
  const secrets = new KeytarSecretStore();
  const handlers = createStoreHandlers({
    store,
    secrets,
    secretsStatus: { backend: 'keychain' },
    dialogs: noDialogs,
    downloadsDir: dataDir,
  });
  return {
    store,
    secrets,
    async call(name, payload) {
      const parsed = payloadSchema(name).safeParse(payload);
      if (!parsed.success) fail('validation', parsed.error.issues.map((issue) => issue.message).join('; '));
      const handler = handlers[name] as (payload: unknown) => Promise<unknown> | unknown;
      return (await handler(parsed.data)) as never;
    },
    profileByName(name) {
      return (
        store.profiles.byName(name) ??
        fail('not-found', `There is no profile called "${name}"; \`export-manager profiles list\` shows them.`)
      );
    },
    apiKey: (profileId) => secrets.get(profileId),
    trackedUrls: (profileId) => store.tracked.urls(profileId),
    close: () => store.close(),
  };
}
