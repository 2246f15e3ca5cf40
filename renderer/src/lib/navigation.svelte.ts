/** The screens of the app, in sidebar order; each id is its feature's noun (the labels are what people know them by). */
export const SCREENS = [
  { id: 'tracked', label: 'Exports', hint: 'Tracked exports of the active profile' },
  { id: 'downloads', label: 'Downloads', hint: 'Running and recent batch downloads' },
  { id: 'archive', label: 'Inspect', hint: 'Look inside a zip and extract it safely' },
  { id: 'history', label: 'History', hint: 'Past downloads' },
  { id: 'profiles', label: 'Profiles', hint: 'Backends and their API keys' },
  { id: 'settings', label: 'Settings', hint: 'Theme, saving, version and where your data lives' },
] as const;

/** One screen's id. */
export type ScreenId = (typeof SCREENS)[number]['id'];

/** Which screen is shown. */
class Navigation {
  #current = $state<ScreenId>('tracked');

  /** The screen shown now. */
  get current(): ScreenId {
    return this.#current;
  }

  /** Shows another screen. */
  go(screen: ScreenId): void {
    this.#current = screen;
  }
}

/** The app's navigation state. */
export const navigation = new Navigation();
