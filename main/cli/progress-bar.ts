import { formatBytes, formatDuration, formatPercent, formatSpeed } from '../../shared/format';

/** What a progress line shows. */
export interface ProgressFigures {
  bytes: number;
  total: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

/** One line of progress, fitted to `columns`. */
export function progressLine(figures: ProgressFigures, columns = 80): string {
  const amount = figures.total ? `${formatBytes(figures.bytes)} / ${formatBytes(figures.total)}` : formatBytes(figures.bytes);
  const tail = ` ${amount}  ${formatSpeed(figures.bytesPerSecond)}${figures.total ? `  ETA ${formatDuration(figures.etaSeconds)}` : ''}`;
  if (!figures.total) return `Downloading…${tail}`.slice(0, columns - 1);
  const fraction = Math.min(1, figures.bytes / figures.total);
  const percent = formatPercent(fraction).padStart(4);
  const width = Math.max(10, Math.min(40, columns - tail.length - percent.length - 4));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}${tail}`.slice(0, columns - 1);
}

/** Draws progress on a terminal's stderr, redrawing one line; does nothing elsewhere. */
export class ProgressBar {
  private drawn = false;

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) {}

  /** Redraws the line with new figures. */
  update(figures: ProgressFigures): void {
    if (!this.stream.isTTY) return;
    this.stream.write(`\r\x1b[2K${progressLine(figures, this.stream.columns ?? 80)}`);
    this.drawn = true;
  }

  /** Clears the line so the next output starts clean. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
