import { createRequire } from 'node:module';
import { appErrorOf, fail } from '../app-error';
import { defaultCollectionProblem } from './secret-service-probe';
import type { CollectionProblem } from './secret-service-probe';
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
  /** Asks whether the default collection is missing or locked (default: the Secret Service on Linux). */
  probe?: () => Promise<CollectionProblem>;
}

function loadKeytar(): KeytarModule {
  // Lazy and inside the caller's try: a missing or mismatched native build must not crash startup.
  return createRequire(import.meta.url)('keytar') as KeytarModule;
}

/** A `keychain` AppError for a default collection that is missing or locked, saying what to do. */
export function collectionFailure(problem: 'missing' | 'locked', what: string): never {
  if (problem === 'locked') {
    fail(
      'keychain',
      `Could not ${what}: the system keyring is locked. Unlock it (log in to your desktop again, or unlock the "Login" keyring in Passwords and Keys), then try again.`,
    );
  }
  fail(
    'keychain',
    `Could not ${what}: there is no default keyring to keep API keys in. Create one (in Passwords and Keys: a new password keyring, set as default), then try again; or give the key with EXPORT_MANAGER_API_KEY.`,
  );
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
  private readonly probe: () => Promise<CollectionProblem>;
  private module: KeytarModule | null = null;

  constructor(options: KeytarOptions = {}) {
    this.service = options.service ?? SECRET_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SECRET_TIMEOUT_MS;
    this.load = options.load ?? loadKeytar;
    this.probe = options.probe ?? (() => defaultCollectionProblem());
  }

  private async call<T>(what: string, run: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    try {
      this.module ??= this.load();
      return await withTimeout(run(this.module), this.timeoutMs, what);
    } catch (error) {
      if (!appErrorOf(error)) await this.failIfCollectionUnusable(what);
      keychainFailure(error, what);
    }
  }

  /**
   * keytar answers "no key" (and fails to save with a D-Bus object path) when the keyring is
   * locked or missing: a saved key would look absent and the backend would answer 401. So an
   * empty answer and a failure are checked against the keyring before they are believed.
   */
  private async failIfCollectionUnusable(what: string): Promise<void> {
    const problem = await this.probe().catch(() => null);
    if (problem) collectionFailure(problem, what);
  }

  async get(account: string): Promise<string | null> {
    const key = await this.call('read a key', (k) => k.getPassword(this.service, account));
    if (key === null) await this.failIfCollectionUnusable('read a key');
    return key;
  }

  set(account: string, secret: string): Promise<void> {
    return this.call('save a key', (k) => k.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    const removed = await this.call('remove a key', (k) => k.deletePassword(this.service, account));
    if (!removed) await this.failIfCollectionUnusable('remove a key');
    return removed;
  }

  async list(): Promise<string[]> {
    // Asked first: listing a locked keyring crashes keytar (and the process with it).
    await this.failIfCollectionUnusable('list keys');
    const found = await this.call('list keys', (k) => k.findCredentials(this.service));
    return found.map((c) => c.account);
  }
}
