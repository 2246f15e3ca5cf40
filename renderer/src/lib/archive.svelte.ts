import { SvelteSet } from 'svelte/reactivity';
import { isExtractLimitError } from '../../../shared/api/archive';
import type { ArchiveEntry, ArchiveListing, ExtractOutcome, VerifyReport } from '../../../shared/api/archive';
import type { AppError } from '../../../shared/errors';
import { exportManager, unwrap } from './api';
import { duplicateNames } from './duplicates';
import { FeatureState } from './feature-state.svelte';
import { focusSoon } from './focus';
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

/** A running verify job and how far it got. */
export interface VerifyProgress {
  jobId: string;
  done: number;
  total: number;
  entry: string | null;
}

/** The archive open in the Archive screen (labelled "Inspect"): its listing, filter, sort, selection and reports. */
class ArchiveState extends FeatureState {
  #listing = $state<ArchiveListing | null>(null);
  #zipId: string | null = null;
  #busy = $state<'listing' | 'extracting' | null>(null);
  #report = $state<ExtractOutcome | null>(null);
  #notice = $state<string | null>(null);
  #verifying = $state<VerifyProgress | null>(null);
  #verified = $state<VerifyReport | 'cancelled' | null>(null);
  #duplicates = $derived(duplicateNames(this.#listing?.entries ?? []));
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

  /** The verify job running now, if any. */
  get verifying(): VerifyProgress | null {
    return this.#verifying;
  }

  /** What the last verify found, or `cancelled` when the user stopped it. */
  get verified(): VerifyReport | 'cancelled' | null {
    return this.#verified;
  }

  /** Names carried by more than one entry (a zip may hold two entries of one name). */
  get duplicates(): Set<string> {
    return this.#duplicates;
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

  /** Follows the progress of the verify job this screen runs. */
  override connect(): () => void {
    return exportManager().on('archive.progress', (progress) => {
      if (progress.jobId === this.#verifying?.jobId) this.#verifying = progress;
    });
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
    // Where the user goes next: the entry filter, or the heading when the zip could not be read.
    await focusSoon(this.#listing ? '#archive-filter' : 'main h1');
  }

  /** Lists a zip main handed out. */
  async open(zip: ZipRef): Promise<void> {
    this.#busy = 'listing';
    this.dismissError();
    this.#report = null;
    this.#notice = null;
    this.#verified = null;
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
    const request = { fileId, folderId: folder.id, entries: onlySelected ? [...this.selected] : undefined };
    let limit: AppError | null = null;
    let report = await unwrap(exportManager().archive.extract(request), (error) => {
      if (isExtractLimitError(error)) limit = error;
      else this.fail(error);
    });
    // Past a zip-bomb limit nothing was written: the person decides whether this archive is fine.
    const refused = limit as AppError | null;
    if (refused && confirm(`${refused.message}\n\nExtract it anyway?`)) {
      report = await this.call(exportManager().archive.extract({ ...request, allowLarge: true }));
    } else if (refused) {
      this.fail(refused);
    }
    this.#busy = null;
    if (report) this.#report = report;
  }

  /** Reads every entry back and checks its CRC, with progress; `cancelVerify` stops it. */
  async verify(): Promise<void> {
    const fileId = this.#zipId;
    if (!this.#listing || !fileId || this.#verifying) return;
    const jobId = crypto.randomUUID();
    this.#verifying = { jobId, done: 0, total: this.#listing.count, entry: null };
    this.#verified = null;
    this.dismissError();
    // A cancel the user asked for needs no banner, only a note.
    let cancelled = false;
    const report = await unwrap(exportManager().archive.verify({ fileId, jobId }), (error) => {
      if (error.kind === 'cancelled') cancelled = true;
      else this.fail(error);
    });
    this.#verifying = null;
    this.#verified = report ?? (cancelled ? 'cancelled' : null);
  }

  /** Stops the running verify job. */
  async cancelVerify(): Promise<void> {
    if (this.#verifying) await this.call(exportManager().archive.cancel({ jobId: this.#verifying.jobId }));
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
