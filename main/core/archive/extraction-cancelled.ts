import type { ExtractReport } from '../../../shared/api/archive';
import { AppErrorException } from '../app-error';

/** The sentence of a cancelled extraction: how much it wrote, which stays. */
function cancelledMessage(partial: ExtractReport): string {
  const written = partial.extracted.length;
  if (written === 0) return 'Extraction was cancelled before any file was written.';
  return `Extraction was cancelled; the ${written === 1 ? 'file' : `${written.toLocaleString('en')} files`} written before it stopped ${written === 1 ? 'was' : 'were'} kept.`;
}

/**
 * Extraction stopped by its signal: a `cancelled` AppError that also carries what was written
 * before it stopped (every file in `partial.extracted` is complete; the one being written when
 * the signal came was removed), so the person sees what is on disk.
 */
export class ExtractionCancelled extends AppErrorException {
  constructor(readonly partial: ExtractReport) {
    super({ kind: 'cancelled', message: cancelledMessage(partial) });
    this.name = 'ExtractionCancelled';
  }
}
