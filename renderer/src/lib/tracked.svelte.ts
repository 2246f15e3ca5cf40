import { SvelteSet } from 'svelte/reactivity';
import type { AddReport, TrackedExport } from '../../../shared/api/tracked';
import type { AppError } from '../../../shared/errors';
import { exportManager } from './api';

/** Rows a page shows. */
export const PAGE_SIZE = 100;

/** The active profile's tracked exports: one page, the filter, sort and selection. */
class TrackedState {
  #profileId = $state<string | null>(null);
  #items = $state<TrackedExport[]>([]);
  #total = $state(0);
  #report = $state<AddReport | null>(null);
  #error = $state<AppError | null>(null);
  #listening = false;
  filter = $state('');
  sort = $state<'added' | 'label' | 'url'>('added');
  descending = $state(true);
  offset = $state(0);
  readonly selected = new SvelteSet<string>();

  get items(): TrackedExport[] {
    return this.#items;
  }

  get total(): number {
    return this.#total;
  }

  get report(): AddReport | null {
    return this.#report;
  }

  get error(): AppError | null {
    return this.#error;
  }

  /** Shows `profileId`'s list from the first page. */
  async show(profileId: string): Promise<void> {
    if (!this.#listening) {
      this.#listening = true;
      exportManager().on('tracked.changed', ({ profileId: changed }) => {
        if (changed === this.#profileId) void this.reload();
      });
    }
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
    const result = await exportManager().tracked.list({
      profileId: this.#profileId,
      filter: this.filter || undefined,
      sort: this.sort,
      descending: this.descending,
      offset: this.offset,
      limit: PAGE_SIZE,
    });
    if (result.ok) {
      this.#items = result.value.items;
      this.#total = result.value.total;
    } else this.#error = result.error;
  }

  /** Adds pasted text (one URL a line, or JSON). */
  async add(text: string): Promise<AddReport | null> {
    if (!this.#profileId) return null;
    return this.#afterAdd(await exportManager().tracked.add({ profileId: this.#profileId, text }));
  }

  /** Imports a file by path (from the dialog or a drop). */
  async importPath(path: string | null): Promise<void> {
    if (!this.#profileId) return;
    const api = exportManager();
    const result = path ? await api.tracked.import({ profileId: this.#profileId, path }) : await api.tracked.chooseImportFile({ profileId: this.#profileId });
    this.#afterAdd(result);
  }

  async removeSelected(): Promise<void> {
    if (!this.#profileId || this.selected.size === 0) return;
    const result = await exportManager().tracked.remove({ profileId: this.#profileId, ids: [...this.selected] });
    if (!result.ok) this.#error = result.error;
    // The page itself follows the `tracked.changed` event.
    this.selected.clear();
  }

  async exportList(format: 'txt' | 'csv' | 'json'): Promise<void> {
    if (!this.#profileId) return;
    const result = await exportManager().tracked.export({ profileId: this.#profileId, format });
    if (!result.ok) this.#error = result.error;
  }

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

  page(delta: number): void {
    this.offset = Math.max(0, Math.min(this.offset + delta * PAGE_SIZE, Math.max(0, this.#total - 1)));
    void this.reload();
  }

  dismiss(): void {
    this.#error = null;
    this.#report = null;
  }

  #afterAdd(result: { ok: true; value: AddReport | null } | { ok: false; error: AppError }): AddReport | null {
    if (!result.ok) {
      this.#error = result.error;
      return null;
    }
    this.#error = null;
    if (result.value) this.#report = result.value;
    return result.value;
  }
}

/** The Exports screen's state. */
export const tracked = new TrackedState();
