import type { ProgressListener } from './job-progress';

/** Passes at most one progress report per `intervalMs` (about 10 a second), always the first and the last one (entry null). */
export function throttleProgress(listener: ProgressListener, intervalMs = 100): ProgressListener {
  let last = -Infinity;
  return (progress) => {
    const now = performance.now();
    if (progress.entry !== null && now - last < intervalMs) return;
    last = now;
    listener(progress);
  };
}
