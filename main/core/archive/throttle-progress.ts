import type { ProgressListener } from './extract-archive';

/** Passes at most one progress report per `intervalMs` (about 10 a second), always the final one (entry null). */
export function throttleProgress(listener: ProgressListener, intervalMs = 100): ProgressListener {
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (progress.entry !== null && now - last < intervalMs) return;
    last = now;
    listener(progress);
  };
}
