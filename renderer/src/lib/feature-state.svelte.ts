import type { AppError, Result } from '../../../shared/errors';
import { unwrap } from './api';

/** What every feature's state shares: its events, and the last failure of a call to main. */
export abstract class FeatureState {
  #error = $state<AppError | null>(null);

  /** The last failure, shown in a banner until dismissed or the next attempt. */
  get error(): AppError | null {
    return this.#error;
  }

  /** Hides the banner. */
  dismissError(): void {
    this.#error = null;
  }

  /** Subscribes to the feature's pushed events; returns the unsubscribe. Called once, by `startApp`. */
  abstract connect(): () => void;

  /** Keeps an error for the banner (one that did not come from `call`). */
  protected fail(error: AppError): void {
    this.#error = error;
  }

  /** A call's value, or undefined after keeping its error for the banner. */
  protected call<T>(call: Promise<Result<T>>): Promise<T | undefined> {
    return unwrap(call, (error) => (this.#error = error));
  }
}
