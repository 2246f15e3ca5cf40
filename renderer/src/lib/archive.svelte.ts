import { SvelteSet } from 'svelte/reactivity';
import { isExtractLimitError } from '../../../shared/api/archive';
import type { ArchiveEntry, ArchiveJob, ArchiveJobOf, ArchiveListing, ArchiveOp, ArchiveProgress } from '../../../shared/api/archive';
import type { Result } from '../../../shared/errors';
import { withHiddenCharactersShown } from '../../../shared/hidden-characters';
import { exportManager, stopAll } from './api';
import { confirmation } from './confirmation.svelte';
import { duplicateNames } from './duplicates';
import { FeatureState } from './feature-state.svelte';
import { focusSoon } from './focus';
import { JobEvents } from './archive-job-events';
import { navigation } from './navigation.svelte';

/**
 * How names are ordered: as a person reads them, in their locale ("cover.png" before
 * "Report.PDF", "9.txt" before "10.txt"), not by code point, which puts every capital first.
 */
const NAME_ORDER = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Asks, in the app's own dialog, whether to extract an archive past a safety limit (the refusal says which). */
function confirmExtractAnyway(refusal: string): Promise<boolean> {
  return confirmation.ask({ title: 'Extract this archive anyway?', message: refusal, confirm: 'Extract anyway', danger: true });
}

/** Columns the entry table sorts by. */
export type EntrySortKey = 'name' | 'size' | 'compressedSize' | 'modified';

/** How many rows the table renders at once; the filter narrows the rest. */
export const VISIBLE_ROWS = 500;

/** A zip main handed out: its id to act on, and its path to show. */
export interface ZipRef {
  id: string;
  path: string;
}

/** The job the screen runs now, as far as main has told: its id once the call answered, its progress once reported. */
export interface RunningJob {
  op: ArchiveOp;
  jobId: string | null;
  progress: ArchiveProgress | null;
}

/** How far a job is, 0..1, for its progress bar: by bytes, which is where the time goes (one large entry is most of the wait), else by entries; null before the first report. */
export function progressFraction(progress: ArchiveProgress | null): number | null {
  if (!progress) return null;
  if (progress.bytesTotal > 0) return progress.bytesDone / progress.bytesTotal;
  return progress.entriesTotal > 0 ? progress.entriesDone / progress.entriesTotal : null;
}

/** The archive open in the Archive screen (labelled "Inspect"): its listing, filter, sort, selection, its jobs and their reports. */
class ArchiveState extends FeatureState {
  #listing = $state<ArchiveListing | null>(null);
  #zipId: string | null = null;
  #listingNow = $state(false);
  #running = $state<RunningJob | null>(null);
  #extraction = $state<ArchiveJobOf<'extract'> | null>(null);
  #verification = $state<ArchiveJobOf<'verify'> | null>(null);
  #notice = $state<string | null>(null);
  #duplicates = $derived(duplicateNames(this.#listing?.entries ?? []));
  readonly #events = new JobEvents();
  #flagged = $derived((this.#listing?.entries ?? []).reduce((count, entry) => count + (entry.flags.length > 0 ? 1 : 0), 0));
  filter = $state('');
  /** Show only the entries with a flag (what the zip's maker got wrong). */
  onlyFlagged = $state(false);
  sortKey = $state<EntrySortKey>('name');
  sortAscending = $state(true);
  readonly selected = new SvelteSet<string>();
  // Derived once per change of listing, filter or sort: the table, the match count and "select all" all read it.
  #entries = $derived.by(() => {
    const needle = this.filter.trim().toLowerCase();
    const onlyFlagged = this.onlyFlagged;
    const matching = (this.#listing?.entries ?? []).filter(
      (entry) => (!needle || entry.name.toLowerCase().includes(needle)) && (!onlyFlagged || entry.flags.length > 0),
    );
    const key = this.sortKey;
    const direction = this.sortAscending ? 1 : -1;
    return matching.sort((a, b) => {
      if (key === 'name') return NAME_ORDER.compare(a.name, b.name) * direction;
      const left = a[key] ?? '';
      const right = b[key] ?? '';
      return (left < right ? -1 : left > right ? 1 : 0) * direction;
    });
  });

  /** The open zip's entries and totals. */
  get listing(): ArchiveListing | null {
    return this.#listing;
  }

  /** What runs now, if anything: the listing, or a job. */
  get busy(): 'listing' | ArchiveOp | null {
    return this.#listingNow ? 'listing' : (this.#running?.op ?? null);
  }

  /** The job running now, if any. */
  get running(): RunningJob | null {
    return this.#running;
  }

  /** What the last "open" did instead of opening (a program shown in its folder). */
  get notice(): string | null {
    return this.#notice;
  }

  /** The last extraction that succeeded or was cancelled (a failed one is the error banner's). */
  get extraction(): ArchiveJobOf<'extract'> | null {
    return this.#extraction;
  }

  /** The last verify that succeeded or was cancelled. */
  get verification(): ArchiveJobOf<'verify'> | null {
    return this.#verification;
  }

  /** Names carried by more than one entry (a zip may hold two entries of one name). */
  get duplicates(): Set<string> {
    return this.#duplicates;
  }

  /** How many entries carry a flag. */
  get flaggedCount(): number {
    return this.#flagged;
  }

  /** Whether the name filter or "only flagged" narrows the entries. */
  get narrowed(): boolean {
    return this.filter.trim() !== '' || this.onlyFlagged;
  }

  /** Entries that match the filter (and "only flagged"), sorted. */
  get entries(): ArchiveEntry[] {
    return this.#entries;
  }

  /** Follows the jobs' events: started, progress, finished. */
  override connect(): () => void {
    const api = exportManager();
    return stopAll([
      api.on('archive.started', (job) => this.#events.record(job)),
      api.on('archive.progress', (progress) => this.#events.progress(progress)),
      api.on('archive.finished', (job) => this.#events.record(job)),
    ]);
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
    this.#listingNow = true;
    this.dismissError();
    this.#extraction = null;
    this.#verification = null;
    this.#notice = null;
    this.selected.clear();
    this.onlyFlagged = false;
    this.#zipId = zip.id;
    const listing = await this.call(exportManager().archive.list({ fileId: zip.id }));
    this.#listingNow = false;
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

  /**
   * The entries "select all" takes: those the filter matches that extraction would write, so
   * neither a folder nor an entry refused as unsafe (each can still be ticked on its own).
   */
  get selectable(): ArchiveEntry[] {
    return this.entries.filter((entry) => !entry.directory && entry.unsafe === null);
  }

  /** Selects every selectable entry the filter matches, or unselects them when all already are. */
  toggleAllMatching(): void {
    const entries = this.selectable;
    const all = entries.length > 0 && entries.every((entry) => this.selected.has(entry.name));
    for (const { name } of entries) {
      if (all) this.selected.delete(name);
      else this.selected.add(name);
    }
  }

  /** Extracts every entry, or the selected ones, into a folder the user picks; resolves once the job has ended. */
  async extract(onlySelected: boolean): Promise<void> {
    const fileId = this.#zipId;
    if (!this.#listing || !fileId || this.#running) return;
    const folder = await this.call(exportManager().archive.chooseFolder());
    if (!folder) return;
    this.dismissError();
    this.#extraction = null;
    const request = { fileId, folderId: folder.id, entries: onlySelected ? [...this.selected] : undefined };
    let ended = await this.#run('extract', exportManager().archive.extract(request));
    // Past a zip-bomb limit nothing was written: the person decides whether this archive is fine.
    if (ended?.error && isExtractLimitError(ended.error) && (await confirmExtractAnyway(ended.error.message))) {
      ended = await this.#run('extract', exportManager().archive.extract({ ...request, allowLarge: true }));
    }
    if (ended?.op === 'extract') this.#ended(ended, (job) => (this.#extraction = job));
  }

  /** Reads every entry back and checks its CRC, with progress; resolves once the job has ended. */
  async verify(): Promise<void> {
    const fileId = this.#zipId;
    if (!this.#listing || !fileId || this.#running) return;
    this.dismissError();
    this.#verification = null;
    const ended = await this.#run('verify', exportManager().archive.verify({ fileId }));
    if (ended?.op === 'verify') this.#ended(ended, (job) => (this.#verification = job));
  }

  /** Opens one entry with the system's default app (a program is shown in its folder instead). */
  async openEntry(name: string): Promise<void> {
    if (!this.#listing || !this.#zipId || this.#running) return;
    this.#notice = null;
    this.dismissError();
    const ended = await this.#run('open', exportManager().archive.openEntry({ fileId: this.#zipId, name }));
    if (ended?.op !== 'open') return;
    this.#ended(ended, (job) => {
      if (job.result?.action === 'revealed') {
        const type = job.result.type === null ? 'a file without an extension' : `a .${job.result.type} file`;
        this.#notice = `${withHiddenCharactersShown(name.split('/').pop() ?? name)} is ${type}, which is not one of the document, image and media types the app opens directly: it was shown in its folder. Open it from there if you trust it.`;
      }
    });
  }

  /** Stops the running job (its end arrives as its finished event). */
  async cancel(): Promise<void> {
    const jobId = this.#running?.jobId;
    if (jobId) await this.call(exportManager().archive.cancel({ jobId }));
  }

  /** Starts a job and follows it to its end; null when it could not start (the banner says why). */
  async #run(op: ArchiveOp, start: Promise<Result<{ jobId: string }>>): Promise<ArchiveJob | null> {
    this.#running = { op, jobId: null, progress: null };
    const started = await this.call(start);
    if (!started) {
      this.#running = null;
      return null;
    }
    this.#running = { op, jobId: started.jobId, progress: null };
    const ended = await this.#events.follow(started.jobId, (job) => {
      if (job.state === 'running') this.#running = { op, jobId: job.jobId, progress: job.progress };
    });
    this.#running = null;
    return ended;
  }

  /**
   * Shows an ended job: a failure in the banner (a cancel the person asked for needs none), else
   * through `show`, unless another zip was opened meanwhile (its report would pass for that one's).
   */
  #ended<J extends ArchiveJob>(job: J, show: (job: J) => void): void {
    if (job.state === 'failed' && job.error) this.fail(job.error);
    else if (job.fileId === this.#zipId) show(job);
  }
}

/** The Archive screen's state. */
export const archive = new ArchiveState();
