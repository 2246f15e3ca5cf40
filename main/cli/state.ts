import type { Methods, MethodValue } from '../../shared/api';
import type { Profile } from '../../shared/api/profiles';
import type { PayloadIn } from '../../shared/contract';
import { FileGrants } from '../core/file-grants';
import { createApi } from '../core/api';
import type { DescribeInvalid } from '../core/api';
import { AppErrorException, fail } from '../core/app-error';
import type { MethodsOf } from '../core/handlers';
import type { Dialogs, EventSink } from '../core/ports';
import { createKeysFeature } from '../core/keys';
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { DEFAULT_BUSY_POLICY } from '../core/store/busy-retry';
import { createProfilesFeature } from '../core/profiles';
import { openStore } from '../core/store/store';
import type { Store } from '../core/store/store';
import { createTrackedFeature } from '../core/tracked';
import { recoveryMessage } from '../core/store/recovery-notice';
import { appDataDir } from './app-data-dir';
import type { CliIo } from './io';
import { warn, writeLine } from './io';
import { shownText } from './shown';
import { KeychainProcess } from './keychain-process';

/** The methods the state commands call. */
export type CliMethod = MethodsOf<'profiles'> | MethodsOf<'keys'> | MethodsOf<'tracked'>;

/** The app's state as the command line uses it: the same database, keychain entries and handlers. */
export interface CliState {
  store: Store;
  /** The keychain, where the app keeps each profile's key. */
  secrets: SecretStore;
  /** Calls a method through the app's own handlers and `createApi` (same validation, same rules). */
  call<M extends CliMethod>(name: M, payload: PayloadIn<Methods[M]>): Promise<MethodValue<M>>;
  /** The id by which a state method takes a file the user named (an absolute path). */
  fileId(path: string): string;
  /** The profile called `name` (case-insensitive), or a `validation` error: the name typed matches none. */
  profileByName(name: string): Profile;
  close(): void;
}

/**
 * The command line has no windows: a method that would open a dialog says so, as a `state`
 * (nothing was wrong with what was typed; this front end cannot do it).
 */
const noDialogs: Dialogs = {
  saveAs: () => fail('state', 'The command line cannot show a save dialog; give a path instead.'),
  openFiles: () => fail('state', 'The command line cannot show an open dialog; give a path instead.'),
  chooseFolder: () => fail('state', 'The command line cannot show a folder dialog; give a path instead.'),
};

/** Nobody listens to change events in a one-shot command. */
const noEvents: EventSink = { emit: () => {} };

/**
 * A refused payload in a command's words: only what was wrong, without the method's name (an
 * internal a person at a terminal never typed).
 */
const describeInvalid: DescribeInvalid = (_name, issues) => issues.map((issue) => issue.message).join('; ');

/**
 * A handler's fault, whose answer says only that it happened: its stack goes to stderr when
 * asked for (EXPORT_MANAGER_DEBUG=1, as for any failure of a command), else nowhere.
 */
function showFault(io: CliIo, fault: unknown): void {
  if (io.env.EXPORT_MANAGER_DEBUG === '1') writeLine(io.stderr, fault instanceof Error ? (fault.stack ?? fault.message) : String(fault));
}

/**
 * Opens the state in the app's data folder (or `EXPORT_MANAGER_USER_DATA`). A damaged database
 * that was moved aside is said once (see recovery-notice.ts): otherwise the user would only see
 * their profiles gone.
 */
export function openCliState(io: CliIo, json: boolean): CliState {
  const dataDir = appDataDir(io.env);
  // A command may block: it waits for another process's write as long as the app would (the
  // app's thread serves a window, so it waits without blocking; see whileBusy). Opening and
  // reading take no write lock, so `profiles list` answers while the app or an import writes.
  const store = openStore(dataDir, { waitWhenBusy: DEFAULT_BUSY_POLICY });
  const aside = store.takeRecoveryNotice('cli');
  if (aside) warn(io, json, shownText(recoveryMessage(aside)));
  // keytar runs in a helper process, so a keychain call stuck in D-Bus cannot hold this one open.
  const keychain = new KeychainProcess();
  const secrets = new KeytarSecretStore({ load: () => keychain });
  const secretsStatus = { backend: 'keychain' } as const;
  const grants = new FileGrants();
  const api = createApi(
    {
      ...createProfilesFeature({ store, secrets, events: noEvents }).handlers,
      ...createKeysFeature({ store, secrets, secretsStatus, events: noEvents }).handlers,
      ...createTrackedFeature({ store, dialogs: noDialogs, downloadsDir: dataDir, events: noEvents, grants }).handlers,
    },
    { describeInvalid, onFault: (_name, fault) => showFault(io, fault) },
  );
  return {
    store,
    secrets,
    fileId: (path) => grants.grant(path, 'file').id,
    async call(name, payload) {
      const result = await api[name](payload);
      if (!result.ok) throw new AppErrorException(result.error);
      return result.value;
    },
    profileByName(name) {
      return (
        store.profiles.byName(name) ??
        fail('validation', `There is no profile called "${name}"; \`export-manager profiles list\` shows them.`)
      );
    },
    close: () => {
      keychain.dispose();
      store.close();
    },
  };
}
