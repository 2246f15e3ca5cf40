import type { EventPayload } from '../../../shared/api';
import type { AppInfo } from '../../../shared/api/app';
import type { AppError } from '../../../shared/errors';
import { exportManager, stopAll, unwrap } from './api';
import { runCommand } from './commands';
import { archive } from './archive.svelte';
import { parseDeepLink } from './deep-link';
import type { DeepLink } from './deep-link';
import { FeatureState } from './feature-state.svelte';
import { navigation } from './navigation.svelte';
import { tracked } from './tracked.svelte';

/** The app itself: what it tells about itself, the desktop around it, and what it is handed from outside. */
class AppState extends FeatureState {
  #info = $state<AppInfo | null>(null);
  #link = $state<DeepLink | null>(null);

  /** Version, platform and folders, once loaded; a failure is `error`. */
  get info(): AppInfo | null {
    return this.#info;
  }

  /** A deep link waiting for the user: its exports to confirm, or why it cannot be read. */
  get pendingLink(): DeepLink | null {
    return this.#link;
  }

  /** Adds the waiting link's exports to the active profile, then shows them. */
  async confirmLink(): Promise<void> {
    const link = this.#link;
    this.#link = null;
    if (link?.kind !== 'track') return;
    navigation.go('tracked');
    await tracked.add(link.urls.join('\n'));
  }

  /** Drops the waiting link without adding anything. */
  dismissLink(): void {
    this.#link = null;
  }

  /** Acts on deep links and files the system hands the app. */
  override connect(): () => void {
    const api = exportManager();
    return stopAll([
      api.on('app.opened', (opened) => void this.#opened(opened)),
      // The app menu's items run the same commands as the keyboard shortcuts.
      api.on('app.command', ({ command }) => void runCommand(command)),
    ]);
  }

  /** Reads what the app tells about itself afresh: the sample backend may have started or stopped since. */
  async loadInfo(): Promise<void> {
    this.#info = null;
    this.dismissError();
    const info = await this.call(exportManager().app.info());
    if (info) this.#info = info;
  }

  /** Reveals a file or folder main handed out (by its id) in the system's file manager. */
  async showInFolder(id: string): Promise<void> {
    // The cards that offer this have no place for an error; where it fails, nothing opens.
    await unwrap(exportManager().app.showInFolder({ id }), () => {});
  }

  /** Opens an http(s) URL in the default browser; a refusal goes to `onerror`, shown where the link was. */
  async openExternal(url: string, onerror: (error: AppError) => void): Promise<void> {
    await unwrap(exportManager().app.openExternal({ url }), onerror);
  }

  /** Takes files dropped on the window: a zip opens in the Archive screen, anything else is added as a list of exports. */
  async drop(files: Iterable<File>): Promise<void> {
    for (const file of files) {
      const dropped = await exportManager().droppedFile(file);
      if (dropped && file.name.toLowerCase().endsWith('.zip')) void archive.inspect(dropped);
      else if (dropped) await tracked.importFile(dropped.id);
      // A plain browser cannot know a dropped file's path, so the list travels as text.
      else await tracked.add(await file.text());
    }
  }

  /** Inspects a zip; a deep link waits for the user to confirm what it would add. */
  async #opened(opened: EventPayload<'app.opened'>): Promise<void> {
    if (opened.kind === 'file') return archive.inspect({ id: opened.fileId, path: opened.value });
    this.#link = parseDeepLink(opened.value);
  }
}

/** The app's own state. */
export const app = new AppState();
