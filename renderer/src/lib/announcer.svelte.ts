import type { ArchiveJob } from '../../../shared/api/archive';
import type { DownloadJob } from '../../../shared/api/downloads';
import { exportManager, stopAll } from './api';
import { errorTitle } from './errors';
import { FeatureState } from './feature-state.svelte';
import { plural } from './format';

/**
 * One polite live region for the outcomes of jobs: a screen reader hears that a download or an
 * extraction finished or failed whatever screen is shown, once, without the progress ticks
 * before it (cards and progress bars are not live). Each message replaces the last; the same
 * words twice in a row are made distinct so they are announced again.
 */
class Announcer extends FeatureState {
  #message = $state('');
  #count = 0;

  /** What the live region says now. */
  get message(): string {
    return this.#message;
  }

  /** Says `text` in the live region. */
  say(text: string): void {
    // A zero-width change (alternating trailing space) makes a repeated message a new one to assistive tech.
    this.#message = this.#count++ % 2 ? `${text} ` : text;
  }

  override connect(): () => void {
    const api = exportManager();
    return stopAll([
      api.on('downloads.finished', (job) => {
        const said = downloadOutcome(job);
        if (said) this.say(said);
      }),
      api.on('archive.finished', (job) => this.say(archiveOutcome(job))),
    ]);
  }
}

/** How a finished download is said; null for a check, which is a look, not a download (its answer is on screen). */
export function downloadOutcome(job: DownloadJob): string | null {
  if (job.check) return null;
  const what = job.mode === 'files' ? 'Downloading each URL' : `The ${job.mode === 'zip' ? 'zip' : 'URL'} download of ${plural(job.itemCount, 'export')}`;
  if (job.state === 'cancelled') return `${what} was cancelled.`;
  if (job.state === 'failed') return `${what} failed: ${job.error ? errorTitle(job.error) : 'see its card in Downloads'}.`;
  const result = job.result;
  if (result?.mode === 'zip') return `${what} finished: ${plural(result.parts.length, 'zip file')} saved.`;
  if (result?.mode === 'urls') return `${what} finished: ${plural(result.exportedUrls.length, 'exported URL')}${result.skipped.length ? `, ${plural(result.skipped.length, 'skipped export')}` : ''}.`;
  if (result?.mode === 'files') return `${what} finished: ${plural(result.saved.length, 'file')} saved${result.failures.length ? `, ${plural(result.failures.length, 'failure')}` : ''}.`;
  return `${what} finished.`;
}

const ARCHIVE_VERBS = { verify: 'Verifying', extract: 'Extracting', open: 'Opening the entry of' } as const;

/** How a finished archive job is said. */
export function archiveOutcome(job: ArchiveJob): string {
  const what = `${ARCHIVE_VERBS[job.op]} ${job.zipName}`;
  if (job.state === 'cancelled') return `${what} was cancelled.`;
  if (job.state === 'failed') return `${what} failed: ${job.error ? errorTitle(job.error) : 'see the Inspect screen'}.`;
  if (job.op === 'verify' && job.result) {
    const report = job.result;
    const crc = report.ok ? `${what}: every entry read back intact` : `${what} found ${plural(report.failed.length, 'damaged entry', 'damaged entries')}`;
    if (!report.manifest) return `${crc}.`;
    return report.manifest.ok ? `${crc}, and it matches its manifest.` : `${crc}; ${plural(report.manifest.differences.length, 'difference')} from its manifest.`;
  }
  if (job.op === 'extract' && job.result) return `${what} finished: ${plural(job.result.extracted.length, 'entry', 'entries')} written${job.result.refused.length ? `, ${plural(job.result.refused.length, 'refused')}` : ''}.`;
  return `${what} finished.`;
}

/** The app's live region. */
export const announcer = new Announcer();
