import type { AppError } from '../../../shared/errors';
import { downloads } from './downloads.svelte';

/**
 * What a panel of a URL-mode job's exported URLs does (the Downloads card's and a History
 * row's): copy, save the lists, download each URL, all by the job's id, with one notice line
 * that says how each went, beside the buttons that caused it.
 */
export class UrlListActions {
  notice = $state('');

  constructor(private readonly jobId: () => string) {}

  readonly copy = async (text: string, what: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      this.notice = `Copied ${what}.`;
    } catch {
      this.notice = 'The clipboard is not available here.';
    }
  };

  /** A failure shows in the panel's notice line, not in the screen's banner. */
  readonly fail = (error: AppError): void => {
    this.notice = error.message;
  };

  readonly save = async (format: 'txt' | 'csv' | 'json'): Promise<void> => {
    const saved = await downloads.saveUrls(this.jobId(), format, this.fail);
    if (saved) this.notice = `Saved ${saved.path}.`;
  };

  /** Downloads each URL as a new files job; resolves to its id (null or undefined: cancelled or refused). */
  readonly fetchEach = (): Promise<string | null | undefined> => downloads.fetchUrls(this.jobId(), this.fail);
}
