import { AppErrorException } from '../app-error';
import { BUSY_MESSAGE } from './busy-retry';

/**
 * What the app's connection throws, at once, when another process holds the database: the
 * `disk` error a person would read (so where nothing retries it, it still says what to do), as
 * its own class so that `whileBusy` knows to retry it without blocking the thread.
 */
export class DatabaseBusyNow extends AppErrorException {
  constructor(cause: unknown) {
    super({ kind: 'disk', message: BUSY_MESSAGE }, { cause });
    this.name = 'DatabaseBusyNow';
  }
}
