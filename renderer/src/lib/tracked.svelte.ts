import { SvelteSet } from 'svelte/reactivity';
import type { FileRef } from '../../../shared/api/file-ref';
import type { ExportScope } from '../../../shared/api/downloads';
import type { AddReport, TrackedExport } from '../../../shared/api/tracked';
import { exportManager } from './api';
import { FeatureState } from './feature-state.svelte';

/** What the Exports table sorts by. */
export type TrackedSort = 'added' | 'label' | 'url';

/**
 * The order each sort starts in, and how its two directions are named: the newest additions
 * first, but labels and URLs from A to Z, as every file list does.
 */
export const SORT_ORDERS: Record<TrackedSort, { descending: boolean; names: { ascending: string; descending: string } }> = {
  added: { descending: true, names: { ascending: 'Oldest first', descending: 'Newest first' } },
  label: { descending: false, names: { ascending: 'A to Z', descending: 'Z to A' } },
  url: { descending: false, names: { ascending: 'A to Z', descending: 'Z to A' } },
};

/** Rows a page shows. */
export const PAGE_SIZE = 50;

/** Quiet time after a keystroke before the filter asks again (the first keystroke asks at once). */
const FILTER_SETTLE_MS = 150;

/** What a download or removal acts on: exactly what the footer names. */
export interface TrackedScope {
  kind: 'selected' | 'filtered' | 'all';
  count: number;
}

/** Exports just removed, kept so the removal can be undone. */
export interface RemovedExports {
  count: number;
  /** The rows as they were, so Undo puts them back with their ids, labels and dates. */
  items: TrackedExport[];
}

/** The active profile's tracked exports: one page, the filter, sort and selection. */
class TrackedState extends FeatureState {
  #profileId = $state<string | null>(null);
  #items = $state<TrackedExport[]>([]);
  #total = $state(0);
  #loaded = $state(false);
  #report = $state<AddReport | null>(null);
  #filter = $state('');
  #removed = $state<RemovedExports | null>(null);
  #savedList = $state<FileRef | null>(null);
  #filterTimer: ReturnType<typeof setTimeout> | undefined;
  #lastKeystroke = 0;
  #request = 0;
  /** The selected rows as they were shown, so a removal can be undone even for rows on other pages. */
  #chosen = new Map<string, TrackedExport>();
  sort = $state<TrackedSort>('added');
  descending = $state(true);
  offset = $state(0);
  readonly selected = new SvelteSet<string>();

  /** The rows of the current page. */
  get items(): TrackedExport[] {
    return this.#items;
  }

  /** How many exports match the filter. */
  get total(): number {
    return this.#total;
  }

  /** Whether the first page has arrived (so "none yet" is true, not just not loaded). */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** What the last paste or import added, until dismissed. */
  get report(): AddReport | null {
    return this.#report;
  }

  /** The filter text. */
  get filter(): string {
    return this.#filter;
  }

  /** The last removal, until undone or dismissed. */
  get removed(): RemovedExports | null {
    return this.#removed;
  }

  /** Where "Export list…" last saved the list, until dismissed. */
  get savedList(): FileRef | null {
    return this.#savedList;
  }

  /** What a download or removal acts on now: the selection, else the filtered rows, else all. */
  get scope(): TrackedScope {
    if (this.selected.size) return { kind: 'selected', count: this.selected.size };
    return { kind: this.#filter.trim() ? 'filtered' : 'all', count: this.#total };
  }

  /** Reloads the page when the list shown changes, wherever it was changed. */
  override connect(): () => void {
    return exportManager().on('tracked.changed', ({ profileId }) => {
      if (profileId === this.#profileId) void this.reload();
    });
  }

  /**
   * Shows `profileId`'s list unless it is already the one shown: the first load asked for it
   * before the screen was drawn, and a list on screen follows its change events.
   */
  async open(profileId: string): Promise<void> {
    if (profileId !== this.#profileId || !this.#loaded) await this.show(profileId);
  }

  /** Shows `profileId`'s list from the first page. */
  async show(profileId: string): Promise<void> {
    if (profileId !== this.#profileId) {
      this.#profileId = profileId;
      this.offset = 0;
      // A filter typed for one profile's list means nothing for another's: each opens whole.
      this.#filter = '';
      clearTimeout(this.#filterTimer);
      this.#clearSelection();
      this.#report = null;
      this.#removed = null;
      this.#loaded = false;
    }
    await this.reload();
  }

  /** Sorts by `sort`, in the order that sort starts in. */
  sortBy(sort: TrackedSort): Promise<void> {
    this.sort = sort;
    this.descending = SORT_ORDERS[sort].descending;
    return this.reload();
  }

  /** How the current order is named ("Newest first", "A to Z"). */
  get orderName(): string {
    const { names } = SORT_ORDERS[this.sort];
    return this.descending ? names.descending : names.ascending;
  }

  /** Reloads the current page; an answer overtaken by a newer request is dropped. */
  async reload(): Promise<void> {
    if (!this.#profileId) return;
    const request = ++this.#request;
    const page = await this.call(
      exportManager().tracked.list({
        profileId: this.#profileId,
        filter: this.#filter.trim() || undefined,
        sort: this.sort,
        descending: this.descending,
        offset: this.offset,
        limit: PAGE_SIZE,
      }),
    );
    if (!page || request !== this.#request) return;
    this.#items = page.items;
    this.#total = page.total;
    this.#loaded = true;
  }

  /**
   * Changes the filter. The first keystroke after a pause asks at once, so one keystroke shows
   * its rows without waiting; a burst of typing asks once more when it settles. A selection
   * would be hidden by the new filter, so it is cleared: the footer always names what is acted on.
   */
  setFilter(text: string): void {
    this.#filter = text;
    this.#clearSelection();
    this.offset = 0;
    clearTimeout(this.#filterTimer);
    const now = performance.now();
    const burst = now - this.#lastKeystroke < FILTER_SETTLE_MS;
    this.#lastKeystroke = now;
    if (!burst) void this.reload();
    else this.#filterTimer = setTimeout(() => void this.reload(), FILTER_SETTLE_MS);
  }

  /** What a download acts on, for main to resolve: the selected ids, else the filter (empty: every export). */
  get exportScope(): ExportScope {
    return this.selected.size ? { ids: [...this.selected] } : { filter: this.#filter.trim() };
  }

  /** The profile whose list is shown, or null. */
  get profileId(): string | null {
    return this.#profileId;
  }

  /** Renames one tracked export; an empty label goes back to its file name. The list follows the change event. */
  async setLabel(id: string, label: string): Promise<void> {
    if (!this.#profileId) return;
    await this.call(exportManager().tracked.setLabel({ profileId: this.#profileId, id, label }));
  }

  /** Adds pasted text (one URL a line, or JSON). */
  async add(text: string): Promise<AddReport | null> {
    if (!this.#profileId) return null;
    return this.#afterAdd(await this.call(exportManager().tracked.add({ profileId: this.#profileId, text })));
  }

  /** Imports a file main handed out (a drop), or, given null, one the user picks in the open dialog. */
  async importFile(fileId: string | null): Promise<void> {
    if (!this.#profileId) return;
    const api = exportManager();
    const profileId = this.#profileId;
    this.#afterAdd(await this.call(fileId ? api.tracked.import({ profileId, fileId }) : api.tracked.chooseImportFile({ profileId })));
  }

  /** Stops tracking the selected exports; resolves to whether any were removed (then `removed` offers Undo). */
  async removeSelected(): Promise<boolean> {
    if (!this.#profileId || this.selected.size === 0) return false;
    const ids = [...this.selected];
    const items = ids.map((id) => this.#chosen.get(id)).filter((item): item is TrackedExport => item !== undefined);
    const done = await this.call(exportManager().tracked.remove({ profileId: this.#profileId, ids }));
    if (!done) return false;
    // The page itself follows the `tracked.changed` event.
    this.#clearSelection();
    this.#removed = { count: done.removed, items };
    return true;
  }

  /** Tracks the last removed exports again, as they were (ids, labels, dates). */
  async undoRemove(): Promise<void> {
    const removed = this.#removed;
    if (!removed || !this.#profileId) return;
    this.#removed = null;
    const restored = await this.call(exportManager().tracked.restore({ profileId: this.#profileId, items: removed.items }));
    if (restored === undefined) this.#removed = removed;
  }

  /** Forgets the last removal (it can no longer be undone). */
  dismissRemoved(): void {
    this.#removed = null;
  }

  /** Saves the whole list to a file the user picks; resolves to where, or null when cancelled or failed. */
  async exportList(format: 'txt' | 'csv' | 'json'): Promise<FileRef | null> {
    if (!this.#profileId) return null;
    const saved = await this.call(exportManager().tracked.export({ profileId: this.#profileId, format }));
    this.#savedList = saved?.file ?? null;
    return this.#savedList;
  }

  /** Hides the "saved" notice. */
  dismissSavedList(): void {
    this.#savedList = null;
  }

  /** Selects or unselects one row. */
  toggle(item: TrackedExport): void {
    if (this.selected.delete(item.id)) this.#chosen.delete(item.id);
    else this.#select(item);
  }

  /** Selects every row of the page, or clears the page's rows when all are selected. */
  togglePage(): void {
    const all = this.#items.every((item) => this.selected.has(item.id));
    for (const item of this.#items) {
      if (!all) this.#select(item);
      else if (this.selected.delete(item.id)) this.#chosen.delete(item.id);
    }
  }

  /** Moves `delta` pages on, staying inside the list. */
  page(delta: number): void {
    this.offset = Math.max(0, Math.min(this.offset + delta * PAGE_SIZE, Math.max(0, this.#total - 1)));
    void this.reload();
  }

  /** Hides the error and the add report. */
  dismiss(): void {
    this.dismissError();
    this.#report = null;
  }

  #select(item: TrackedExport): void {
    this.selected.add(item.id);
    this.#chosen.set(item.id, item);
  }

  #clearSelection(): void {
    this.selected.clear();
    this.#chosen.clear();
  }

  /** Keeps an add's report; undefined: it failed (the error is kept), null: the dialog was cancelled. */
  #afterAdd(report: AddReport | null | undefined): AddReport | null {
    if (report === undefined) return null;
    this.dismissError();
    if (report) this.#report = report;
    return report;
  }
}

/** The Tracked screen's state (its label is "Exports"). */
export const tracked = new TrackedState();
