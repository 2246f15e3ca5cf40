import type { SecretsBackend } from '../../../shared/api/keys';

/**
 * Where API keys live: one secret per account (a profile id), under one service name.
 * Implementations: the OS keychain (keytar), Electron's safeStorage fallback, memory (tests).
 */
export interface SecretStore {
  /** The secret of `account`, or null when none is set. */
  get(account: string): Promise<string | null>;
  /** Sets or replaces the secret of `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret of `account`; true when there was one. */
  delete(account: string): Promise<boolean>;
  /** The accounts that have a secret. */
  list(): Promise<string[]>;
}

/** Which backend a chain settled on, and what the user must be told when it is not the keychain. */
export interface SecretsStatus {
  backend: SecretsBackend;
  /** When keys are not in the OS keychain: what that means, in one sentence with one thing to do. */
  warning?: string;
  /** What failed on the way, for whoever looks further (shown folded under the warning). */
  warningDetail?: string;
}

/** The keychain service name every key is stored under (shared by the app and the command line). */
export const SECRET_SERVICE = 'export-manager';
