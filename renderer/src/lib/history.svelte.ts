import type { HistoryItem, HistoryProfile, HistoryResult, HistoryUrls } from '../../../shared/api/history';
import type { DownloadMode } from '../../../shared/api/downloads';
import { exportManager } from './api';
import { FeatureState } from './feature-state.svelte';

/** How many rows the screen shows: the newest that match. */
const PAGE_SIZE = 200;

/** What the History screen asks main for: text to search, and a profile, mode and result to keep ('' for any). */
export interface HistoryFilters {
  search: string;
  profileId: string;
  mode: DownloadMode | '';
  result: HistoryResult | '';
}

const NO_FILTERS: HistoryFilters = { search: '', profileId: '', mode: '', result: '' };

/** Past downloads, newest first, searched and filtered by main. */
class HistoryState extends FeatureState {
  #items = $state<HistoryItem[]>([]);
  #total = $state(0);
  #recorded = $state(0);
  #profiles = $state<HistoryProfile[]>([]);
  #filters = $state<HistoryFilters>({ ...NO_FILTERS });
  #loaded = $state(false);
  /** Answers to older loads arrive late when typing fast: only the newest load's answer is shown. */
  #generation = 0;

  /** The newest matching rows (up to 200). */
  get items(): HistoryItem[] {
    return this.#items;
  }

  /** How many rows match the search and filters. */
  get total(): number {
    return this.#total;
  }

  /** How many rows history holds in all. */
  get recorded(): number {
    return this.#recorded;
  }

  /** Every profile with rows, for the profile filter. */
  get profiles(): HistoryProfile[] {
    return this.#profiles;
  }

  get filters(): Readonly<HistoryFilters> {
    return this.#filters;
  }

  /** Whether the first answer is in (before it, neither "no downloads" nor "no match" is true). */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Whether any search or filter narrows the list. */
  get filtered(): boolean {
    const { search, profileId, mode, result } = this.#filters;
    return search.trim() !== '' || profileId !== '' || mode !== '' || result !== '';
  }

  /** Follows changes once the list has been shown: nobody looks at it before. */
  override connect(): () => void {
    return exportManager().on('history.changed', () => {
      if (this.#loaded) void this.load();
    });
  }

  /** The newest load: a load resolves once the list shows the answer to the newest one. */
  #latest: Promise<void> = Promise.resolve();

  /**
   * Loads the newest rows that match the filters. Resolves once the list shows main's answer to
   * the newest load, even when another one (the `history.changed` that follows a remove) started
   * meanwhile, so whoever awaits it sees the list as main has it.
   */
  async load(): Promise<void> {
    let run = this.#fetch(++this.#generation);
    this.#latest = run;
    await run;
    while (this.#latest !== run) {
      run = this.#latest;
      await run;
    }
  }

  async #fetch(generation: number): Promise<void> {
    const { search, profileId, mode, result } = this.#filters;
    const page = await this.call(
      exportManager().history.list({
        offset: 0,
        limit: PAGE_SIZE,
        ...(search.trim() ? { search } : {}),
        ...(profileId ? { profileId } : {}),
        ...(mode ? { mode } : {}),
        ...(result ? { result } : {}),
      }),
    );
    if (!page || generation !== this.#generation) return;
    this.#items = page.items;
    this.#total = page.total;
    this.#recorded = page.recorded;
    this.#profiles = page.profiles;
    this.#loaded = true;
  }

  /** Changes some filters and asks main again. */
  setFilters(change: Partial<HistoryFilters>): Promise<void> {
    this.#filters = { ...this.#filters, ...change };
    return this.load();
  }

  /** Shows every row again. */
  clearFilters(): Promise<void> {
    return this.setFilters(NO_FILTERS);
  }

  /** The URLs a URL-mode row's job exported, as history kept them; null when it kept none. */
  async urls(id: string): Promise<HistoryUrls | null | undefined> {
    return this.call(exportManager().history.urls({ id }));
  }

  /**
   * Removes one entry (the downloaded file stays), and resolves once the list no longer shows
   * it, so the screen can move focus to the row that took its place.
   */
  async remove(id: string): Promise<void> {
    if ((await this.call(exportManager().history.remove({ id }))) === undefined) return;
    await this.load();
  }

  /** Removes every entry (downloaded files stay). The list follows the `history.changed` event. */
  async clear(): Promise<void> {
    await this.call(exportManager().history.clear());
  }
}

/** The app's download history. */
export const history = new HistoryState();
