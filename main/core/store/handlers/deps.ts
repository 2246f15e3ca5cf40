import type { Dialogs, EventSink } from '../../ports';
import type { SecretStore, SecretsStatus } from '../../secrets/secret-store';
import type { Store } from '../store';

/** What the state handlers need. */
export interface StoreHandlerDeps {
  store: Store;
  /** The key store the app settled on (see `createSecretStore`). */
  secrets: SecretStore;
  /** Where keys live and any warning about it. */
  secretsStatus: SecretsStatus;
  dialogs: Dialogs;
  /** Where export and import dialogs start. */
  downloadsDir: string;
  /** Change events for the renderer; optional. */
  events?: EventSink;
}
