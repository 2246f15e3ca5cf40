import { SvelteSet } from 'svelte/reactivity';
import type { ArchiveEntry, ArchiveListing, ExtractOutcome } from '../../../shared/api/archive';
import { exportManager } from './api';
import { FeatureState } from './feature-state.svelte';
import { navigation } from './navigation.svelte';

/** Columns the entry table sorts by. */
export type EntrySortKey = 'name' | 'size' | 'compressedSize' | 'modified';

/** How many rows the table renders at once; the filter narrows the rest. */
export const VISIBLE_ROWS = 500;

/** A zip main handed out: its id to act on, and its path to show. */
export interface ZipRef {
  id: string;
  path: string;
}

/** The archive open in the Archive screen (labelled "Inspect"): its listing, filter, sort, selection and reports. */
class ArchiveState extends FeatureState {
  #listing = $state<ArchiveListing | null>(null);
  #zipId: string | null = null;
  #busy = $state<'listing' | 'extracting' | null>(null);
  #report = $state<ExtractOutcome | null>(null);
  #notice = $state<string | null>(null);
  filter = $state('');
  sortKey = $state<EntrySortKey>('name');
  sortAscending = $state(true);
  readonly selected = new SvelteSet<string>();

  /** The open zip's entries and totals. */
  get listing(): ArchiveListing | null {
    return this.#listing;
  }

  /** What runs now, if anything. */
  get busy(): 'listing' | 'extracting' | null {
    return this.#busy;
  }

  /** What the last "open" did instead of opening (a program shown in its folder). */
  get notice(): string | null {
    return this.#notice;
  }

  /** What the last extraction wrote and refused. */
  get report(): ExtractOutcome | null {
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

  /** Nothing to follow yet: `archive.progress` belongs to verify jobs, which this screen does not run. */
  override connect(): () => void {
    return () => {};
  }

  /** Asks for a zip with the open dialog, then lists it. */
  async choose(): Promise<void> {
    const zip = await this.call(exportManager().archive.chooseFile());
    if (zip) await this.open(zip);
  }

  /** Shows the Archive screen and lists a zip there ("Inspect" on a download, a drop, a file handed to the app). */
  async inspect(zip: ZipRef): Promise<void> {
    navigation.go('archive');
    await this.open(zip);
  }

  /** Lists a zip main handed out. */
  async open(zip: ZipRef): Promise<void> {
    this.#busy = 'listing';
    this.dismissError();
    this.#report = null;
    this.#notice = null;
    this.selected.clear();
    this.#zipId = zip.id;
    const listing = await this.call(exportManager().archive.list({ fileId: zip.id }));
    this.#busy = null;
    this.#listing = listing ?? null;
  }

  /** Sorts by `key`, flipping the direction when it already sorts by it. */
  sortBy(key: EntrySortKey): void {
    if (this.sortKey === key) this.sortAscending = !this.sortAscending;
    else {
      this.sortKey = key;
      this.sortAscending = true;
    }
  }

  /** Selects or unselects one entry. */
  toggle(name: string): void {
    if (!this.selected.delete(name)) this.selected.add(name);
  }

  /** Extracts every entry, or the selected ones, into a folder the user picks. */
  async extract(onlySelected: boolean): Promise<void> {
    const fileId = this.#zipId;
    if (!this.#listing || !fileId) return;
    const folder = await this.call(exportManager().archive.chooseFolder());
    if (!folder) return;
    this.#busy = 'extracting';
    this.dismissError();
    const report = await this.call(
      exportManager().archive.extract({ fileId, folderId: folder.id, entries: onlySelected ? [...this.selected] : undefined }),
    );
    this.#busy = null;
    if (report) this.#report = report;
  }

  /** Opens one entry with the system's default app. */
  async openEntry(name: string): Promise<void> {
    if (!this.#listing || !this.#zipId) return;
    this.#notice = null;
    const outcome = await this.call(exportManager().archive.openEntry({ fileId: this.#zipId, name }));
    if (outcome?.action === 'revealed') {
      this.#notice = `${name.split('/').pop()} is a program or script (.${outcome.type}): it was shown in its folder, not run. Open it from there if you trust it.`;
    }
  }
}

/** The Archive screen's state. */
export const archive = new ArchiveState();
