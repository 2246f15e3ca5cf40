import { SvelteSet } from 'svelte/reactivity';
import type { ArchiveEntry, ArchiveListing, ExtractReport } from '../../../shared/api/archive';
import type { AppError } from '../../../shared/errors';
import { exportManager } from './api';

/** Columns the entry table sorts by. */
export type EntrySortKey = 'name' | 'size' | 'compressedSize' | 'modified';

/** How many rows the table renders at once; the filter narrows the rest. */
export const VISIBLE_ROWS = 500;

/** The archive open in the Inspect screen: its listing, filter, sort, selection and reports. */
class InspectorState {
  #listing = $state<ArchiveListing | null>(null);
  #error = $state<AppError | null>(null);
  #busy = $state<'listing' | 'extracting' | null>(null);
  #report = $state<ExtractReport | null>(null);
  filter = $state('');
  sortKey = $state<EntrySortKey>('name');
  sortAscending = $state(true);
  readonly selected = new SvelteSet<string>();

  get listing(): ArchiveListing | null {
    return this.#listing;
  }

  get error(): AppError | null {
    return this.#error;
  }

  get busy(): 'listing' | 'extracting' | null {
    return this.#busy;
  }

  get report(): ExtractReport | null {
    return this.#report;
  }

  /** Entries that match the filter, sorted. */
  get entries(): ArchiveEntry[] {
    const needle = this.filter.trim().toLowerCase();
    const matching = (this.#listing?.entries ?? []).filter((entry) => !needle || entry.name.toLowerCase().includes(needle));
    const key = this.sortKey;
    const direction = this.sortAscending ? 1 : -1;
    return matching.sort((a, b) => {
      const left = a[key] ?? '';
      const right = b[key] ?? '';
      return (left < right ? -1 : left > right ? 1 : 0) * direction;
    });
  }

  /** Asks for a zip with the open dialog, then lists it. */
  async choose(): Promise<void> {
    const result = await exportManager().archive.chooseFile();
    if (!result.ok) this.#error = result.error;
    else if (result.value) await this.open(result.value);
  }

  /** Lists the zip at `path`. */
  async open(path: string): Promise<void> {
    this.#busy = 'listing';
    this.#error = null;
    this.#report = null;
    this.selected.clear();
    const result = await exportManager().archive.list({ path });
    this.#busy = null;
    if (result.ok) this.#listing = result.value;
    else {
      this.#listing = null;
      this.#error = result.error;
    }
  }

  /** Sorts by `key`, flipping the direction when it already sorts by it. */
  sortBy(key: EntrySortKey): void {
    if (this.sortKey === key) this.sortAscending = !this.sortAscending;
    else {
      this.sortKey = key;
      this.sortAscending = true;
    }
  }

  toggle(name: string): void {
    if (!this.selected.delete(name)) this.selected.add(name);
  }

  /** Extracts every entry, or the selected ones, into a folder the user picks. */
  async extract(onlySelected: boolean): Promise<void> {
    if (!this.#listing) return;
    const folder = await exportManager().archive.chooseFolder();
    if (!folder.ok) return void (this.#error = folder.error);
    if (!folder.value) return;
    this.#busy = 'extracting';
    this.#error = null;
    const result = await exportManager().archive.extract({
      path: this.#listing.path,
      destination: folder.value,
      entries: onlySelected ? [...this.selected] : undefined,
    });
    this.#busy = null;
    if (result.ok) this.#report = result.value;
    else this.#error = result.error;
  }

  /** Opens one entry with the system's default app. */
  async openEntry(name: string): Promise<void> {
    if (!this.#listing) return;
    const result = await exportManager().archive.openEntry({ path: this.#listing.path, name });
    if (!result.ok) this.#error = result.error;
  }

  dismissError(): void {
    this.#error = null;
  }
}

/** The Inspect screen's state. */
export const inspector = new InspectorState();
