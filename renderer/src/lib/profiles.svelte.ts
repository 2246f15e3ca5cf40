import type { KeyStatus } from '../../../shared/api/keys';
import type { ConnectionCheck, Profile } from '../../../shared/api/profiles';
import type { Result } from '../../../shared/errors';
import { exportManager, stopAll, unwrap } from './api';
import { FeatureState } from './feature-state.svelte';
import { settings } from './settings.svelte';

/** Backend profiles, their key status and which one is active. */
class ProfilesState extends FeatureState {
  #list = $state<Profile[]>([]);
  #keys = $state<Record<string, KeyStatus>>({});
  #checks = $state<Record<string, ConnectionCheck | 'checking'>>({});
  #notices = $state<Record<string, string>>({});
  /** A profile whose card should open its key form when next drawn ("Open profile" on a key problem). */
  #keyFormFor = $state<string | null>(null);

  /** Every profile, in the order main lists them. */
  get list(): Profile[] {
    return this.#list;
  }

  /**
   * The active profile's id as soon as settings are in (main names the first profile when none
   * was chosen), so its exports load alongside the profile list instead of after it.
   */
  get activeId(): string | null {
    // Not from the list alone: before settings arrive it could name another profile than the chosen one.
    if (!settings.settings) return null;
    return settings.settings.activeProfileId ?? this.#list[0]?.id ?? null;
  }

  /** The active profile: the one in settings, else the first (the sample backend); null until both are loaded. */
  get active(): Profile | null {
    // Settings and the list load side by side; picking before settings arrive would show the wrong list first.
    if (!settings.settings) return null;
    const id = settings.settings.activeProfileId;
    return this.#list.find((profile) => profile.id === id) ?? this.#list[0] ?? null;
  }

  /** Whether a profile has a key, and its last characters. */
  keyOf(profileId: string): KeyStatus | null {
    return this.#keys[profileId] ?? null;
  }

  /** What the last change of a profile's base URL did to its key (removed, when the origin changed). */
  noticeOf(profileId: string): string | null {
    return this.#notices[profileId] ?? null;
  }

  /** The last connection check of a profile, or `checking` while one runs. */
  checkOf(profileId: string): ConnectionCheck | 'checking' | null {
    return this.#checks[profileId] ?? null;
  }

  /** Follows changes to the list and to keys, wherever they were made. */
  override connect(): () => void {
    const api = exportManager();
    return stopAll([
      api.on('profiles.changed', () => void this.load()),
      // Each card's count of tracked exports is main's: it follows every add and removal.
      api.on('tracked.changed', () => void this.#reloadList()),
      api.on('keys.changed', ({ profileId }) => {
        this.#forgetCheck(profileId);
        void this.#loadKey(profileId);
      }),
    ]);
  }

  /** Loads the list, then each profile's key status (without waiting for those). */
  async load(): Promise<void> {
    const list = await this.call(exportManager().profiles.list());
    if (!list) return;
    this.#list = list;
    // Key statuses wait for the keychain, which may take seconds to answer at start: the window
    // does not wait for them (each card says the keychain is being checked meanwhile).
    void Promise.all(list.map((profile) => this.#loadKey(profile.id)));
  }

  /** The list again without asking the keychain (only the tracked counts changed). */
  async #reloadList(): Promise<void> {
    const list = await this.call(exportManager().profiles.list());
    if (list) this.#list = list;
  }

  /** Makes a profile the active one. */
  async select(profileId: string): Promise<void> {
    await settings.set({ activeProfileId: profileId });
  }

  /**
   * Asks `profileId`'s card to open its key form (the fix for a download refused for its key):
   * the card takes the request when it is drawn, and the form takes focus.
   */
  openKeyForm(profileId: string): void {
    this.#keyFormFor = profileId;
  }

  /** Whether a key form was asked for `profileId`; the request is used up by asking. */
  takeKeyFormRequest(profileId: string): boolean {
    if (this.#keyFormFor !== profileId) return false;
    this.#keyFormFor = null;
    return true;
  }

  /** The profile a key form was asked for, if any (read by each card to notice the request). */
  get keyFormFor(): string | null {
    return this.#keyFormFor;
  }

  // The list itself follows the `profiles.changed` event after each of these.

  /** Adds a profile; resolves to it, or undefined when it was refused (see `error`). */
  async create(name: string, baseUrl: string): Promise<Profile | undefined> {
    return this.#run(exportManager().profiles.create({ name, baseUrl }));
  }

  /** Renames a profile; resolves to whether it worked. */
  async rename(id: string, name: string): Promise<boolean> {
    return (await this.#run(exportManager().profiles.rename({ id, name }))) !== undefined;
  }

  /** Points a profile at another backend; resolves to whether it worked. */
  async setBaseUrl(id: string, baseUrl: string): Promise<boolean> {
    const changed = await this.#run(exportManager().profiles.setBaseUrl({ id, baseUrl }));
    if (!changed) return false;
    this.#forgetCheck(id);
    if (changed.notice) this.#notices[id] = changed.notice;
    else delete this.#notices[id];
    return true;
  }

  /** Sets the most exports one request may carry (null: no limit); resolves to whether it worked. */
  async setMaxBatchSize(id: string, maxBatchSize: number | null): Promise<boolean> {
    return (await this.#run(exportManager().profiles.setMaxBatchSize({ id, maxBatchSize }))) !== undefined;
  }

  /** Deletes a profile, its tracked exports and its key. */
  async remove(id: string): Promise<void> {
    await this.#run(exportManager().profiles.delete({ id }));
  }

  /** Stores a profile's API key; resolves to whether it worked. */
  async setKey(profileId: string, key: string): Promise<boolean> {
    const status = await this.#run(exportManager().keys.set({ profileId, key }));
    if (status) this.#keyChanged(profileId, status);
    return status !== undefined;
  }

  /** Forgets a profile's API key. */
  async removeKey(profileId: string): Promise<void> {
    const status = await this.#run(exportManager().keys.remove({ profileId }));
    if (status) this.#keyChanged(profileId, status);
  }

  /** Asks the backend whether the profile's URL and key work. */
  async checkConnection(profileId: string): Promise<void> {
    this.#checks[profileId] = 'checking';
    const check = await this.#run(exportManager().profiles.checkConnection({ id: profileId }));
    if (check) this.#checks[profileId] = check;
    else delete this.#checks[profileId];
  }

  /**
   * The last refusal when main said it is about one of `fields` (a `validation` error naming its
   * field), taken out of the banner for the form to say beside that field; else null, and the
   * banner keeps it. `unnamed`: the field a `validation` error naming none is about, for a call
   * whose every other input main names when it refuses it (a name another profile has is refused
   * by the store, which names no field).
   */
  takeFieldRefusal<F extends string>(fields: readonly F[], unnamed?: F): { field: F; message: string } | null {
    const error = this.error;
    const field = error?.field === undefined ? unnamed : fields.find((each) => each === error.field);
    if (!error || error.kind !== 'validation' || field === undefined) return null;
    this.dismissError();
    return { field, message: error.message };
  }

  /** A profile action: its error stays for the banner, and a success clears the last one. */
  async #run<T>(action: Promise<Result<T>>): Promise<T | undefined> {
    const value = await this.call(action);
    if (value !== undefined) this.dismissError();
    return value;
  }

  /** A check speaks of the key and URL it was made with: once either changes, it no longer holds. */
  #forgetCheck(profileId: string): void {
    if (this.#checks[profileId] !== 'checking') delete this.#checks[profileId];
  }

  #keyChanged(profileId: string, status: KeyStatus): void {
    this.#keys[profileId] = status;
    this.#forgetCheck(profileId);
  }

  async #loadKey(profileId: string): Promise<void> {
    // Until it answers the card says the keychain is being checked; a status that cannot be read
    // shows as "none", and the card still offers to set a key.
    const status = await unwrap(exportManager().keys.status({ profileId }), () => {});
    this.#keys[profileId] = status ?? this.#keys[profileId] ?? { hasKey: false, hint: null, backend: 'keychain' };
  }
}

/** The app's profiles. */
export const profiles = new ProfilesState();
