import type { HistoryItem } from '../../../shared/api/history';
import { exportManager } from './api';
import { FeatureState } from './feature-state.svelte';

/** Past downloads, newest first. */
class HistoryState extends FeatureState {
  #items = $state<HistoryItem[]>([]);
  #total = $state(0);
  #loaded = false;

  /** The newest entries (up to 200). */
  get items(): HistoryItem[] {
    return this.#items;
  }

  /** How many entries there are in all. */
  get total(): number {
    return this.#total;
  }

  /** Follows changes once the list has been shown: nobody looks at it before. */
  override connect(): () => void {
    return exportManager().on('history.changed', () => {
      if (this.#loaded) void this.load();
    });
  }

  /** Loads the newest entries. */
  async load(): Promise<void> {
    this.#loaded = true;
    const page = await this.call(exportManager().history.list({ offset: 0, limit: 200 }));
    if (!page) return;
    this.#items = page.items;
    this.#total = page.total;
  }

  // The list itself follows the `history.changed` event after each of these.

  /** Removes one entry (the downloaded file stays). */
  async remove(id: string): Promise<void> {
    await this.call(exportManager().history.remove({ id }));
  }

  /** Removes every entry (downloaded files stay). */
  async clear(): Promise<void> {
    await this.call(exportManager().history.clear());
  }
}

/** The app's download history. */
export const history = new HistoryState();
