import type { ExportManagerApi } from '../../../shared/api';
import type { AppError, Result } from '../../../shared/errors';

/** The app's only connection to main (see global.d.ts); only the state classes call it. */
export function exportManager(): ExportManagerApi {
  return window.exportManager;
}

/** A call's value, or undefined after handing its error to `onerror` (no method resolves to undefined). */
export async function unwrap<T>(call: Promise<Result<T>>, onerror: (error: AppError) => void): Promise<T | undefined> {
  const result = await call;
  if (result.ok) return result.value;
  onerror(result.error);
  return undefined;
}

/** One function that calls every unsubscribe in `stops`. */
export function stopAll(stops: Array<() => void>): () => void {
  return () => {
    for (const stop of stops) stop();
  };
}
