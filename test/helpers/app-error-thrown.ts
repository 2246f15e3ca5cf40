import type { AppError } from '../../shared/errors';
import { appErrorOf } from '../../main/core/app-error';

/** The AppError that `run` throws synchronously; null when it throws nothing or something else. */
export function appErrorThrownBy(run: () => unknown): AppError | null {
  try {
    run();
  } catch (error) {
    return appErrorOf(error);
  }
  return null;
}
