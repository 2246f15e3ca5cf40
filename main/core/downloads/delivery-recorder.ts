import type { DownloadJob } from '../../../shared/api/downloads';
import { AppErrorException } from '../app-error';
import type { EventSink } from '../ports';
import { jobOutcome } from './delivery-records';
import type { DownloadSource, DownloadSources } from './download-ports';

/**
 * Remembers what the window's downloads delivered as each one ends, announces it
 * (`tracked.delivered`, so the Exports screen's Delivered column follows), and lets closing
 * wait for the writes still on their way: the store must not close under one.
 */
export class DeliveryRecorder {
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly sources: DownloadSources,
    private readonly events: EventSink,
  ) {}

  /** Records what `job` delivered of `source`'s exports, once it has ended. */
  afterJob(job: DownloadJob, source: Pick<DownloadSource, 'sourceFileUrls' | 'maxBatchSize'>): void {
    const record = this.sources.recordDelivery?.bind(this.sources);
    const outcome = record ? jobOutcome(job, source) : null;
    if (!record || !outcome) return;
    const { profileId } = job;
    const write = record(profileId, outcome).then(
      (changed) => {
        if (changed) this.events.emit('tracked.delivered', { profileId });
      },
      (error: unknown) => {
        // The download itself is done; a record that could not be written only costs "Download new" its knowledge of it.
        if (!(error instanceof AppErrorException)) console.error('Could not record what the download delivered:', (error as Error)?.message);
      },
    );
    this.writing.add(write);
    void write.finally(() => this.writing.delete(write));
  }

  /** Waits for every record started so far. */
  async settled(): Promise<void> {
    await Promise.all([...this.writing]);
  }
}
