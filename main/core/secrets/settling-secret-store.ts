import type { SecretChain } from './create-secret-store';
import { SessionSecretStore } from './session-secret-store';
import type { SecretStore, SecretsStatus } from './secret-store';

/**
 * A SecretStore usable before the OS keychain has answered. Choosing where keys live means
 * asking the keychain, which can take seconds (a Secret Service that never answers waits for
 * the timeout; macOS may show a prompt): the app opens its window meanwhile. Every call waits
 * for the choice, then goes to the store that was chosen; `status` reads `checking` until then.
 */
export class SettlingSecretStore implements SecretStore {
  /** Where keys live: updated in place when the choice is made, so readers of this object see it. */
  readonly status: SecretsStatus = { backend: 'checking' };
  /** Resolves once the store is chosen, with where keys live. */
  readonly settled: Promise<SecretsStatus>;
  readonly #chain: Promise<SecretChain>;

  constructor(choosing: Promise<SecretChain>) {
    // The chain falls back by itself; a failure here would be a bug, and keys then live in memory
    // for this session (never in plain text), with the reason shown.
    this.#chain = choosing.catch((error: unknown) => ({
      store: new SessionSecretStore(),
      status: {
        backend: 'session',
        warning: 'API keys are kept only until the app quits, because where to keep them could not be decided: restart Export Manager to try the keychain again.',
        warningDetail: error instanceof Error ? error.message : String(error),
      },
    }));
    this.settled = this.#chain.then((chain) => {
      Object.assign(this.status, chain.status);
      return this.status;
    });
  }

  async get(account: string): Promise<string | null> {
    return (await this.#chain).store.get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    return (await this.#chain).store.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return (await this.#chain).store.delete(account);
  }

  async list(): Promise<string[]> {
    return (await this.#chain).store.list();
  }
}
