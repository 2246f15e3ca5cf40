import type { ConnectionCheck } from '../../../shared/api/profiles';
import type { KeyStatus } from '../../../shared/api/keys';
import type { Profile } from '../../../shared/api/profiles';
import type { AppError } from '../../../shared/errors';
import { exportManager } from './api';
import { settings } from './settings.svelte';

/** Backend profiles, their key status and which one is active. */
class ProfilesState {
  #list = $state<Profile[]>([]);
  #keys = $state<Record<string, KeyStatus>>({});
  #checks = $state<Record<string, ConnectionCheck | 'checking'>>({});
  #error = $state<AppError | null>(null);
  #listening = false;

  get list(): Profile[] {
    return this.#list;
  }

  get error(): AppError | null {
    return this.#error;
  }

  /** The active profile: the one in settings, else the first (the sample backend). */
  get active(): Profile | null {
    const id = settings.settings?.activeProfileId;
    return this.#list.find((profile) => profile.id === id) ?? this.#list[0] ?? null;
  }

  keyOf(profileId: string): KeyStatus | null {
    return this.#keys[profileId] ?? null;
  }

  checkOf(profileId: string): ConnectionCheck | 'checking' | null {
    return this.#checks[profileId] ?? null;
  }

  /** Loads the list and every profile's key status; follows changes. */
  async load(): Promise<void> {
    const api = exportManager();
    if (!this.#listening) {
      this.#listening = true;
      api.on('profiles.changed', () => void this.load());
      api.on('keys.changed', ({ profileId }) => void this.#loadKey(profileId));
    }
    const result = await api.profiles.list();
    if (!result.ok) return void (this.#error = result.error);
    this.#list = result.value;
    await Promise.all(result.value.map((profile) => this.#loadKey(profile.id)));
  }

  /** Makes a profile the active one. */
  async select(profileId: string): Promise<void> {
    await settings.set({ activeProfileId: profileId });
  }

  /** Runs an action; keeps its error for the screen. Resolves to whether it worked. */
  async run<T>(action: Promise<{ ok: true; value: T } | { ok: false; error: AppError }>): Promise<T | null> {
    const result = await action;
    if (result.ok) {
      this.#error = null;
      return result.value;
    }
    this.#error = result.error;
    return null;
  }

  async create(name: string, baseUrl: string): Promise<Profile | null> {
    // The list itself follows the `profiles.changed` event.
    return this.run(exportManager().profiles.create({ name, baseUrl }));
  }

  async setKey(profileId: string, key: string): Promise<boolean> {
    const status = await this.run(exportManager().keys.set({ profileId, key }));
    if (status) this.#keys[profileId] = status;
    return status !== null;
  }

  async removeKey(profileId: string): Promise<void> {
    const status = await this.run(exportManager().keys.remove({ profileId }));
    if (status) this.#keys[profileId] = status;
  }

  async checkConnection(profileId: string): Promise<void> {
    this.#checks[profileId] = 'checking';
    const check = await this.run(exportManager().profiles.checkConnection({ id: profileId }));
    if (check) this.#checks[profileId] = check;
    else delete this.#checks[profileId];
  }

  dismissError(): void {
    this.#error = null;
  }

  async #loadKey(profileId: string): Promise<void> {
    const status = await exportManager().keys.status({ profileId });
    if (status.ok) this.#keys[profileId] = status.value;
  }
}

/** The app's profiles. */
export const profiles = new ProfilesState();
