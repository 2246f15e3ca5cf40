import type { DownloadJob } from '../../shared/api/downloads';
import type { TestPorts } from './test-ports';

/** Polls until `find` returns something (the test's own timeout bounds the wait). */
export function eventually<T>(find: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const poll = () => {
      const found = find();
      if (found !== undefined) resolve(found);
      else setTimeout(poll, 5);
    };
    poll();
  });
}

/** The job as its `downloads.finished` event carried it, once that event was emitted. */
export function finishedJob(events: TestPorts['events'], jobId: string): Promise<DownloadJob> {
  return eventually(() => events.recorded.find((e) => e.name === 'downloads.finished' && (e.payload as DownloadJob).jobId === jobId)?.payload as DownloadJob | undefined);
}
