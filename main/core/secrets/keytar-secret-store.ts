import { createRequire } from 'node:module';
import { appErrorOf, fail } from '../app-error';
import { SECRET_SERVICE } from './secret-store';
import type { SecretStore } from './secret-store';
import { DEFAULT_SECRET_TIMEOUT_MS, withTimeout } from './with-timeout';

/** The part of keytar this store uses (so tests can hand in a fake that never answers). */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** Options of the keytar store; all have defaults. */
export interface KeytarOptions {
  service?: string;
  timeoutMs?: number;
  /** Loads keytar; the default requires the native module lazily. */
  load?: () => KeytarModule;
}

function loadKeytar(): KeytarModule {
  // Lazy and inside the caller's try: a missing or mismatched native build must not crash startup.
  return createRequire(import.meta.url)('keytar') as KeytarModule;
}

/** A `keychain` AppError for a keytar failure, with what the user can do about it. Never includes a key. */
export function keychainFailure(error: unknown, what: string): never {
  if (appErrorOf(error)) throw error;
  const detail = error instanceof Error ? error.message : String(error);
  let advice = 'Check that the system keychain is available and unlocked, then try again.';
  if (/dbus|d-bus|org\.freedesktop\.secrets|secret service|autolaunch|no such secret collection/i.test(detail)) {
    advice =
      'No Secret Service is running in this session: install and start gnome-keyring (or KeePassXC with Secret Service enabled), or use the EXPORT_MANAGER_API_KEY variable.';
  } else if (/locked|unlock|dismissed|prompt/i.test(detail)) {
    advice = 'The keychain is locked: unlock it (log in again or open your keyring app) and try again.';
  } else if (/cannot find module|module did not self-register|was compiled against|invalid elf|dlopen/i.test(detail)) {
    advice = 'The keychain module (keytar) could not be loaded; reinstall Export Manager.';
  }
  fail('keychain', `Could not ${what} in the system keychain (${detail}). ${advice}`, { cause: error });
}

/**
 * Keys in the OS keychain through keytar: service `export-manager`, one account per profile
 * id. Every call times out (a keychain can hang on some Linux sessions) and every failure is a
 * `keychain` AppError with advice.
 */
export class KeytarSecretStore implements SecretStore {
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly load: () => KeytarModule;
  private module: KeytarModule | null = null;

  constructor(options: KeytarOptions = {}) {
    this.service = options.service ?? SECRET_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SECRET_TIMEOUT_MS;
    this.load = options.load ?? loadKeytar;
  }

  private async call<T>(what: string, run: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    try {
      this.module ??= this.load();
      return await withTimeout(run(this.module), this.timeoutMs, what);
    } catch (error) {
      keychainFailure(error, what);
    }
  }

  get(account: string): Promise<string | null> {
    return this.call('read a key', (k) => k.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call('save a key', (k) => k.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call('remove a key', (k) => k.deletePassword(this.service, account));
  }

  async list(): Promise<string[]> {
    const found = await this.call('list keys', (k) => k.findCredentials(this.service));
    return found.map((c) => c.account);
  }
}
