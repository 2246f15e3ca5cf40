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

const KEYCHAIN_UNUSABLE = 'The system keychain cannot be used';
/** The one thing to do about it, whichever fallback was taken. */
const HOW_TO_FIX = 'to keep keys in the keychain, unlock it (on Linux, start a Secret Service such as GNOME Keyring) and restart Export Manager.';

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
            warning: `${KEYCHAIN_UNUSABLE}, so API keys are kept in a file encrypted by the operating system, which the command line cannot read: ${HOW_TO_FIX}`,
            warningDetail: `The keychain: ${keychainProblem}`,
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
      warning: `${KEYCHAIN_UNUSABLE}, nor an encrypted file, so API keys are kept only until the app quits: ${HOW_TO_FIX}`,
      warningDetail: `The keychain: ${keychainProblem} The encrypted file: ${fileProblem}`,
    },
  };
}
