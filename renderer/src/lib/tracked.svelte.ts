import { SvelteSet } from 'svelte/reactivity';
import type { AddReport, TrackedExport } from '../../../shared/api/tracked';
import { exportManager } from './api';
import { FeatureState } from './feature-state.svelte';

/** Rows a page shows. */
export const PAGE_SIZE = 100;

/** The active profile's tracked exports: one page, the filter, sort and selection. */
class TrackedState extends FeatureState {
  #profileId = $state<string | null>(null);
  #items = $state<TrackedExport[]>([]);
  #total = $state(0);
  #report = $state<AddReport | null>(null);
  filter = $state('');
  sort = $state<'added' | 'label' | 'url'>('added');
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

  /** What the last paste or import added, until dismissed. */
  get report(): AddReport | null {
    return this.#report;
  }

  /** Reloads the page when the list shown changes, wherever it was changed. */
  override connect(): () => void {
    return exportManager().on('tracked.changed', ({ profileId }) => {
      if (profileId === this.#profileId) void this.reload();
    });
  }

  /** Shows `profileId`'s list from the first page. */
  async show(profileId: string): Promise<void> {
    if (profileId !== this.#profileId) {
      this.#profileId = profileId;
      this.offset = 0;
      this.selected.clear();
      this.#report = null;
    }
    await this.reload();
  }

  /** Reloads the current page. */
  async reload(): Promise<void> {
    if (!this.#profileId) return;
    const page = await this.call(
      exportManager().tracked.list({
        profileId: this.#profileId,
        filter: this.filter || undefined,
        sort: this.sort,
        descending: this.descending,
        offset: this.offset,
        limit: PAGE_SIZE,
      }),
    );
    if (!page) return;
    this.#items = page.items;
    this.#total = page.total;
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

  /** Stops tracking the selected exports. */
  async removeSelected(): Promise<void> {
    if (!this.#profileId || this.selected.size === 0) return;
    await this.call(exportManager().tracked.remove({ profileId: this.#profileId, ids: [...this.selected] }));
    // The page itself follows the `tracked.changed` event.
    this.selected.clear();
  }

  /** Saves the whole list to a file the user picks. */
  async exportList(format: 'txt' | 'csv' | 'json'): Promise<void> {
    if (!this.#profileId) return;
    await this.call(exportManager().tracked.export({ profileId: this.#profileId, format }));
  }

  /** Selects or unselects one row. */
  toggle(id: string): void {
    if (!this.selected.delete(id)) this.selected.add(id);
  }

  /** Selects every row of the page, or clears the page's rows when all are selected. */
  togglePage(): void {
    const ids = this.#items.map((item) => item.id);
    const all = ids.every((id) => this.selected.has(id));
    for (const id of ids) {
      if (all) this.selected.delete(id);
      else this.selected.add(id);
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
