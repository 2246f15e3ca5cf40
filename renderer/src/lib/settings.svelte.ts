import type { RouteNote } from '../../../shared/api/network';
import type { Settings, SettingsPatch, StateStatus } from '../../../shared/api/settings';
import { exportManager, unwrap } from './api';
import { FeatureState } from './feature-state.svelte';

/** The app's settings and state status; applies the theme to the page. */
class SettingsState extends FeatureState {
  #settings = $state<Settings | null>(null);
  #status = $state<StateStatus | null>(null);
  #recoveryDismissed = $state(false);
  #routeNotes = $state<RouteNote[]>([]);

  /** The settings, once loaded. */
  get settings(): Settings | null {
    return this.#settings;
  }

  /** Where state and keys live, and what went wrong with them. */
  get status(): StateStatus | null {
    return this.#status;
  }

  /** The one-time notice that damaged data was set aside, until dismissed. */
  get recoveryNotice(): string | null {
    return this.#recoveryDismissed ? null : (this.#status?.recoveryNotice ?? null);
  }

  /** Recent requests routed past a proxy the system named that the app cannot use (Settings → Network shows them), newest first. */
  get routeNotes(): RouteNote[] {
    return this.#routeNotes;
  }

  /** Hides the damaged-data notice (core tells it once; the Settings screen keeps the details). */
  dismissRecovery(): void {
    this.#recoveryDismissed = true;
  }

  /** Follows changes made elsewhere (another window, the CLI), and where keys live once the keychain has answered. */
  override connect(): () => void {
    const api = exportManager();
    const stops = [
      api.on('settings.changed', (settings) => this.#apply(settings)),
      api.on('settings.statusChanged', (status) => (this.#status = status)),
      api.on('network.routeNotesChanged', (notes) => (this.#routeNotes = notes)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Loads settings and status. */
  async load(): Promise<void> {
    const api = exportManager();
    // Without a status the screens only miss their notices, so its failure is not shown; the
    // settings apply as soon as they arrive (the active profile waits for them, not for the status).
    const status = unwrap(api.settings.status(), () => {}).then((value) => {
      if (value) this.#status = value;
    });
    const settings = await this.call(api.settings.get());
    if (settings) this.#apply(settings);
    await status;
  }

  /** Loads the route notes (when Settings → Network is shown); without them the section only misses its notes, so a failure is not shown. */
  async loadRouteNotes(): Promise<void> {
    const notes = await unwrap(exportManager().network.routeNotes(), () => {});
    if (notes) this.#routeNotes = notes;
  }

  /** Asks for the default download folder with the system's folder dialog (main owns the path). */
  async chooseDefaultFolder(): Promise<void> {
    const settings = await this.call(exportManager().settings.chooseDefaultFolder());
    if (settings) this.#apply(settings);
  }

  /** Asks for a PEM file of extra certificate authorities with the system's open dialog (main owns the path). */
  async chooseExtraCaFile(): Promise<void> {
    const settings = await this.call(exportManager().settings.chooseExtraCaFile());
    if (settings) this.#apply(settings);
  }

  /** Changes some settings. */
  async set(patch: SettingsPatch): Promise<void> {
    const settings = await this.call(exportManager().settings.set(patch));
    if (settings) this.#apply(settings);
  }

  #apply(settings: Settings): void {
    this.#settings = settings;
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }
}

/** The app's settings. */
export const settings = new SettingsState();
