import type { ArchiveProgress } from '../../../shared/api/archive';

/** How far a verify or an extraction got: `archive.progress` without the job id, which only the feature knows. */
export type EntryProgress = Omit<ArchiveProgress, 'jobId'>;

/** Receives progress reports (unthrottled here: the worker throttles what it posts). */
export type ProgressListener = (progress: EntryProgress) => void;

/**
 * Counts the entries and bytes a job has done and reports them: before each entry (`at`),
 * as an entry's data streams (`bytes`, so one large entry still moves the bar), and once at the
 * end (`finish`, entry null: every entry done, or the job stopped there). Entries refused before
 * the work starts are counted done at once.
 */
export class ProgressCounter {
  #entriesDone: number;
  #bytesDone = 0;
  /** Bytes done when the entry at hand started: where its declared size is added once it is done. */
  #entryStart = 0;
  #entry: string | null = null;

  constructor(
    readonly entriesTotal: number,
    readonly bytesTotal: number,
    entriesAlreadyDone: number,
    readonly listener?: ProgressListener,
  ) {
    this.#entriesDone = entriesAlreadyDone;
  }

  /** Entries done so far. */
  get entriesDone(): number {
    return this.#entriesDone;
  }

  /** Reports the entry about to be handled. */
  at(entry: string): void {
    this.#entry = entry;
    this.#entryStart = this.#bytesDone;
    this.#report();
  }

  /** Counts `count` bytes of the entry at hand as done. */
  bytes(count: number): void {
    this.#bytesDone += count;
    this.#report();
  }

  /** Counts the entry at hand as done, with its declared size (whatever part of it streamed, or whether it failed). */
  entryDone(declaredBytes: number): void {
    this.#entriesDone++;
    this.#bytesDone = this.#entryStart + declaredBytes;
  }

  /** The last report (never throttled away): every entry done, or the job stopped with these counts. */
  finish(): void {
    this.#entry = null;
    this.#report();
  }

  #report(): void {
    this.listener?.({
      entriesDone: this.#entriesDone,
      entriesTotal: this.entriesTotal,
      bytesDone: this.#bytesDone,
      bytesTotal: this.bytesTotal,
      entry: this.#entry,
    });
  }
}
