import { SvelteSet } from 'svelte/reactivity';
import type { FileRef } from '../../../shared/api/file-ref';
import type { ExportScope } from '../../../shared/api/downloads';
import type { AddReport, TrackedExport } from '../../../shared/api/tracked';
import { exportManager, stopAll } from './api';
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

/**
 * Where the selected exports are: a selection outlives filter changes and page turns, so the
 * window says how much of it is out of sight (and a download or removal still takes all of it).
 */
export interface SelectionPlaces {
  count: number;
  /** Selected rows of the page shown. */
  onPage: number;
  /** Selected exports the filter matches, on pages not shown. */
  onOtherPages: number;
  /** Selected exports the filter does not match. */
  hidden: number;
}

/**
 * "Select all N matching": every export a filter matches is selected, however many, with none of
 * their ids in the window; main resolves the filter again when a download asks. `count` is how
 * many it matches, as main last said.
 */
interface EveryMatch {
  filter: string;
  undelivered: boolean;
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
  /** "Not delivered yet": only exports with no delivery since they were added. */
  #undelivered = $state(false);
  /** How many of the profile's exports have no delivery since they were added (what "Download new" takes), as main last said. */
  #newCount = $state(0);
  #removed = $state<RemovedExports | null>(null);
  #savedList = $state<FileRef | null>(null);
  /** How many selected exports the filter does not match, as main last said. */
  #hiddenSelected = $state(0);
  /** Set by "Select all N matching" until something needs the ids themselves (see `#selectedIds`). */
  #everyMatch = $state<EveryMatch | null>(null);
  #filterTimer: ReturnType<typeof setTimeout> | undefined;
  #lastKeystroke = 0;
  #request = 0;
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

  /** Whether only exports not delivered yet are shown ("Not delivered yet"). */
  get undelivered(): boolean {
    return this.#undelivered;
  }

  /** Whether the list shows less than the whole profile: filter text, or "Not delivered yet". */
  get filtering(): boolean {
    return this.#filter.trim() !== '' || this.#undelivered;
  }

  /** How many of the profile's exports have no delivery since they were added: what "Download new" downloads. */
  get newCount(): number {
    return this.#newCount;
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
    const selected = this.selectedCount;
    if (selected) return { kind: 'selected', count: selected };
    return { kind: this.filtering ? 'filtered' : 'all', count: this.#total };
  }

  /** How many exports are selected, on every page and behind the filter. */
  get selectedCount(): number {
    return this.#everyMatch?.count ?? this.selected.size;
  }

  /** Whether the export `id` is selected. */
  isSelected(id: string): boolean {
    return this.#everyMatch !== null || this.selected.has(id);
  }

  /** How the selection splits between this page, other pages and rows the filter hides. */
  get selection(): SelectionPlaces {
    const every = this.#everyMatch;
    if (every) {
      // The filter shown is the one that selected them all (a change asks main for their ids first).
      const onPage = this.#items.length;
      return { count: every.count, onPage, onOtherPages: Math.max(0, every.count - onPage), hidden: 0 };
    }
    const count = this.selected.size;
    const onPage = this.#items.filter((item) => this.selected.has(item.id)).length;
    const hidden = Math.min(this.#hiddenSelected, count - onPage);
    return { count, onPage, onOtherPages: count - onPage - hidden, hidden };
  }

  /** Reloads the page when the list shown changes, wherever it was changed, or a download delivered some of it. */
  override connect(): () => void {
    const api = exportManager();
    const follow = ({ profileId }: { profileId: string }) => {
      if (profileId === this.#profileId) void this.reload({ countNew: true });
    };
    return stopAll([api.on('tracked.changed', follow), api.on('tracked.delivered', follow)]);
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
      this.#undelivered = false;
      this.#newCount = 0;
      clearTimeout(this.#filterTimer);
      this.clearSelection();
      this.#report = null;
      this.#removed = null;
      this.#loaded = false;
    }
    await this.reload({ countNew: true });
  }

  /** Sorts by `sort`, in the order that sort starts in. */
  sortBy(sort: TrackedSort): Promise<void> {
    this.sort = sort;
    this.descending = SORT_ORDERS[sort].descending;
    return this.reload();
  }

  /** Reverses the current order. */
  reverse(): Promise<void> {
    this.descending = !this.descending;
    return this.reload();
  }

  /** A column header's click: the same column again reverses it, another sorts by that one. */
  sortByColumn(sort: TrackedSort): Promise<void> {
    return sort === this.sort ? this.reverse() : this.sortBy(sort);
  }

  /** How the current order is named ("Newest first", "A to Z"). */
  get orderName(): string {
    const { names } = SORT_ORDERS[this.sort];
    return this.descending ? names.descending : names.ascending;
  }

  /**
   * Reloads the current page; an answer overtaken by a newer request is dropped. `countNew`: main
   * also counts the exports not delivered yet ("Download new"), on opening and as the list or
   * its deliveries change, not on a keystroke.
   */
  async reload(options: { countNew?: boolean } = {}): Promise<void> {
    const profileId = this.#profileId;
    if (!profileId) return;
    const request = ++this.#request;
    const [page, hidden] = await Promise.all([
      this.call(
        exportManager().tracked.list({
          profileId,
          filter: this.#filter.trim() || undefined,
          undelivered: this.#undelivered || undefined,
          countNew: options.countNew || undefined,
          sort: this.sort,
          descending: this.descending,
          offset: this.offset,
          limit: PAGE_SIZE,
        }),
      ),
      this.#countHiddenSelected(profileId),
    ]);
    // The count holds for the whole profile, so a newer page (a keystroke) does not make it stale.
    if (page?.newCount !== undefined && profileId === this.#profileId) this.#newCount = page.newCount;
    if (!page || request !== this.#request) return;
    this.#items = page.items;
    this.#total = page.total;
    // Every match stays selected as the list changes: what main would resolve the filter to now.
    const every = this.#everyMatch;
    if (every && every.filter === this.#filter.trim() && every.undelivered === this.#undelivered) every.count = page.total;
    this.#hiddenSelected = hidden ?? this.#hiddenSelected;
    this.#loaded = true;
  }

  /** How many selected exports the filter does not match; main knows what a filter matches. */
  async #countHiddenSelected(profileId: string): Promise<number | undefined> {
    const filter = this.#filter.trim();
    if (!this.filtering || this.selected.size === 0 || this.#everyMatch) return 0;
    const among = [...this.selected];
    const shown = await this.call(exportManager().tracked.matching({ profileId, filter, among, undelivered: this.#undelivered || undefined }));
    return shown ? among.length - shown.ids.length : undefined;
  }

  /**
   * Changes the filter. The first keystroke after a pause asks at once, so one keystroke shows
   * its rows without waiting; a burst of typing asks once more when it settles. The selection
   * stays: filtering is how people find the next row to add to it, and the window says how many
   * selected exports the filter hides (`selection`), which a download still takes.
   */
  setFilter(text: string): void {
    this.#keepSelectionAsIds();
    this.#filter = text;
    this.offset = 0;
    clearTimeout(this.#filterTimer);
    const now = performance.now();
    const burst = now - this.#lastKeystroke < FILTER_SETTLE_MS;
    this.#lastKeystroke = now;
    if (!burst) void this.reload();
    else this.#filterTimer = setTimeout(() => void this.reload(), FILTER_SETTLE_MS);
  }

  /**
   * Shows only the exports not delivered yet, or all again. Like the filter text, it keeps the
   * selection (the window says how much of it the filter hides).
   */
  setUndelivered(only: boolean): void {
    this.#keepSelectionAsIds();
    this.#undelivered = only;
    this.offset = 0;
    void this.reload();
  }

  /** What a download acts on, for main to resolve: the selected ids, else the filter (empty: every export), "Not delivered yet" included. */
  get exportScope(): ExportScope {
    const every = this.#everyMatch;
    if (every) return every.undelivered ? { filter: every.filter, undelivered: true } : { filter: every.filter };
    if (this.selected.size) return { ids: [...this.selected] };
    return this.#undelivered ? { filter: this.#filter.trim(), undelivered: true } : { filter: this.#filter.trim() };
  }

  /** What "Download new" acts on: every export of the profile not delivered since it was added, whatever is filtered or selected. */
  get newScope(): ExportScope {
    return { filter: '', undelivered: true };
  }

  /** The profile whose list is shown, or null. */
  get profileId(): string | null {
    return this.#profileId;
  }

  /**
   * Renames one tracked export; an empty label goes back to its file name. Resolves once the
   * page shows the new label (a label sort may have moved the row), so focus can follow the row.
   */
  async setLabel(id: string, label: string): Promise<void> {
    if (!this.#profileId) return;
    if (await this.call(exportManager().tracked.setLabel({ profileId: this.#profileId, id, label }))) await this.reload();
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

  /**
   * Stops tracking the selected exports, those the filter hides too, as the footer says; resolves
   * to whether any were removed (then `removed` offers Undo, with the rows main says it took).
   */
  async removeSelected(): Promise<boolean> {
    if (!this.#profileId || this.selectedCount === 0) return false;
    // A removal names its rows (Undo puts back exactly those): every match is asked for by id.
    if (!(await this.#selectedIds())) return false;
    const done = await this.call(exportManager().tracked.remove({ profileId: this.#profileId, ids: [...this.selected] }));
    if (!done) return false;
    // The page itself follows the `tracked.changed` event.
    this.clearSelection();
    this.#removed = { count: done.removed, items: done.items };
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

  /** Selects or unselects one row (after every match, by id: one of them is left out now). */
  toggle(item: TrackedExport): void {
    const flip = () => {
      if (!this.selected.delete(item.id)) this.selected.add(item.id);
    };
    if (!this.#everyMatch) return flip();
    void this.#selectedIds().then((ok) => {
      if (ok) flip();
    });
  }

  /** Selects every row of the page, or clears the page's rows when all are selected. */
  togglePage(): void {
    const items = this.#items;
    const flip = () => {
      const all = items.every((item) => this.selected.has(item.id));
      for (const item of items) {
        if (all) this.selected.delete(item.id);
        else this.selected.add(item.id);
      }
    };
    if (!this.#everyMatch) return flip();
    void this.#selectedIds().then((ok) => {
      if (ok) flip();
    });
  }

  /**
   * Selects every export the filter matches, on every page (every export when there is no
   * filter), at once and however many: the window keeps the filter, not their ids, and a
   * download hands main the filter to resolve (as the footer's count says, from main's total).
   */
  selectAllMatching(): void {
    if (!this.#profileId) return;
    this.selected.clear();
    this.#hiddenSelected = 0;
    this.#everyMatch = { filter: this.#filter.trim(), undelivered: this.#undelivered, count: this.#total };
  }

  /** Unselects everything, on every page and behind the filter. */
  clearSelection(): void {
    this.#everyMatch = null;
    this.selected.clear();
    this.#hiddenSelected = 0;
  }

  /**
   * Before the filter changes, a selection of every match becomes the ids of those matches
   * (asked of main once), so it outlives the change as any selection does.
   */
  #keepSelectionAsIds(): void {
    if (!this.#everyMatch) return;
    void this.#selectedIds().then(async (ok) => {
      if (ok) await this.reload();
    });
  }

  /**
   * Makes the selection a set of ids: after "Select all N matching", main names the exports its
   * filter matches. Resolves to whether the selection is now ids (false: main could not say, and
   * the error is kept for the banner; every match stays selected).
   */
  async #selectedIds(): Promise<boolean> {
    const every = this.#everyMatch;
    const profileId = this.#profileId;
    if (!every) return true;
    if (!profileId) return false;
    const matching = await this.call(exportManager().tracked.matching({ profileId, filter: every.filter, undelivered: every.undelivered || undefined }));
    // Cleared or made again meanwhile: that newer choice stands.
    if (!matching || this.#everyMatch !== every) return false;
    this.#everyMatch = null;
    this.selected.clear();
    for (const id of matching.ids) this.selected.add(id);
    return true;
  }

  /** How many pages the filtered list takes (at least one). */
  get pageCount(): number {
    return Math.max(1, Math.ceil(this.#total / PAGE_SIZE));
  }

  /** The page shown, from 1. */
  get pageNumber(): number {
    return Math.floor(this.offset / PAGE_SIZE) + 1;
  }

  /** Moves `delta` pages on, staying inside the list. */
  page(delta: number): void {
    this.goToPage(this.pageNumber + delta);
  }

  /** Shows page `number` (from 1), or the nearest page there is. */
  goToPage(number: number): void {
    const page = Math.max(1, Math.min(Math.trunc(number) || 1, this.pageCount));
    this.offset = (page - 1) * PAGE_SIZE;
    void this.reload();
  }

  /** Hides the error and the add report. */
  dismiss(): void {
    this.dismissError();
    this.#report = null;
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
