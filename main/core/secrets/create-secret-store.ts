import type { SecretStore, SecretsStatus } from './secret-store';
import { SessionSecretStore } from './session-secret-store';

/** A fallback store, or why it cannot be used. */
export type FallbackOutcome = { store: SecretStore } | { unavailable: string };

/** The chain's parts: the keychain first, then an optional encrypted-file fallback (the Electron app's safeStorage). */
export interface SecretChainOptions {
  keychain: SecretStore;
  /** Opens the encrypted-file store; absent outside Electron. */
  encryptedFile?: () => Promise<FallbackOutcome>;
}

/** The store a chain settled on and what to tell the user. */
export interface SecretChain {
  store: SecretStore;
  status: SecretsStatus;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Picks where keys live: the OS keychain when a probe (listing keys) works; else the encrypted
 * file, with a warning; else memory for this session only, with a warning that says why. A key
 * is never written in plain text.
 */
export async function createSecretStore(options: SecretChainOptions): Promise<SecretChain> {
  let keychainProblem: string;
  try {
    await options.keychain.list();
    return { store: options.keychain, status: { backend: 'keychain' } };
  } catch (error) {
    keychainProblem = reasonOf(error);
  }
  let fileProblem = 'no encrypted-file store is available here.';
  if (options.encryptedFile) {
    try {
      const outcome = await options.encryptedFile();
      if ('store' in outcome) {
        return {
          store: outcome.store,
          status: {
            backend: 'encrypted-file',
            warning: `The system keychain cannot be used, so API keys are kept in a file encrypted by the operating system; the command line cannot read them. ${keychainProblem}`,
          },
        };
      }
      fileProblem = outcome.unavailable;
    } catch (error) {
      fileProblem = reasonOf(error);
    }
  }
  return {
    store: new SessionSecretStore(),
    status: {
      backend: 'session',
      warning: `API keys are kept only until the app quits: the system keychain cannot be used (${keychainProblem}) and ${fileProblem}`,
    },
  };
}
