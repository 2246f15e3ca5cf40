import { mount, unmount } from 'svelte';
import App from '../App.svelte';
import { stopAll } from './api';
import { announcer } from './announcer.svelte';
import { app } from './app.svelte';
import { archive } from './archive.svelte';
import { downloads } from './downloads.svelte';
import { history } from './history.svelte';
import { profiles } from './profiles.svelte';
import { settings } from './settings.svelte';
import { tracked } from './tracked.svelte';

/**
 * Longest the window waits for its first data before it shows anyway: main answers in a few
 * milliseconds, but a busy disk must not keep the window blank.
 */
const FIRST_DATA_WAIT_MS = 400;

/**
 * The settings, the profiles, the jobs and the active profile's first page of exports, asked for
 * side by side (the settings name the active profile, so its page need not wait for the list).
 */
function loadFirstData(): Promise<unknown> {
  const shown = settings.load().then(() => {
    const profileId = profiles.activeId;
    return profileId ? tracked.open(profileId) : undefined;
  });
  return Promise.all([shown, profiles.load(), downloads.load()]);
}

/**
 * Starts the window: follows every feature's events (before any load, so nothing pushed
 * meanwhile is lost), loads the first data, then mounts the app once, with its data. Mounting
 * first would draw an empty screen and draw it again a moment later; the time spent on that
 * empty one delayed the answers it was waiting for. Returns what stops it all.
 */
export async function startApp(target: HTMLElement): Promise<() => void> {
  const stopEvents = stopAll([app, settings, profiles, tracked, downloads, history, archive, announcer].map((state) => state.connect()));
  let waited: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([loadFirstData(), new Promise((resolve) => (waited = setTimeout(resolve, FIRST_DATA_WAIT_MS)))]);
  clearTimeout(waited);
  const shown = mount(App, { target });
  return () => {
    void unmount(shown);
    stopEvents();
  };
}
