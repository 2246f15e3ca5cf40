/** How long the event loop went without turning, measured by a 10 ms interval. */
export interface EventLoopWatch {
  /** Stops watching; the longest time between two ticks (ms), counted up to now. */
  stop(): number;
}

const TICK_MS = 10;

/**
 * Starts a 10 ms interval and keeps the longest gap between its ticks: a thread blocked by a
 * synchronous wait shows as one long gap, however well the work around it went.
 */
export function watchEventLoop(): EventLoopWatch {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}
