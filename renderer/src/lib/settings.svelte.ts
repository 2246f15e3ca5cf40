import type { Settings, SettingsPatch, StateStatus } from '../../../shared/api/settings';
import type { AppError } from '../../../shared/errors';
import { exportManager } from './api';

/** The app's settings and state status; applies the theme to the page. */
class SettingsState {
  #settings = $state<Settings | null>(null);
  #status = $state<StateStatus | null>(null);
  #error = $state<AppError | null>(null);

  get settings(): Settings | null {
    return this.#settings;
  }

  get status(): StateStatus | null {
    return this.#status;
  }

  get error(): AppError | null {
    return this.#error;
  }

  /** Loads settings and status, and follows changes made elsewhere (another window, the CLI). */
  async load(): Promise<void> {
    const api = exportManager();
    api.on('settings.changed', (settings) => this.#apply(settings));
    const [settings, status] = await Promise.all([api.settings.get(), api.settings.status()]);
    if (settings.ok) this.#apply(settings.value);
    else this.#error = settings.error;
    if (status.ok) this.#status = status.value;
  }

  /** Changes some settings. */
  async set(patch: SettingsPatch): Promise<void> {
    const result = await exportManager().settings.set(patch);
    if (result.ok) this.#apply(result.value);
    else this.#error = result.error;
  }

  #apply(settings: Settings): void {
    this.#settings = settings;
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }
}

/** The app's settings. */
export const settings = new SettingsState();
