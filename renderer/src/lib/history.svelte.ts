import type { HistoryItem } from '../../../shared/api/history';
import type { AppError } from '../../../shared/errors';
import { exportManager } from './api';

/** Past downloads, newest first. */
class HistoryState {
  #items = $state<HistoryItem[]>([]);
  #total = $state(0);
  #error = $state<AppError | null>(null);
  #listening = false;

  get items(): HistoryItem[] {
    return this.#items;
  }

  get total(): number {
    return this.#total;
  }

  get error(): AppError | null {
    return this.#error;
  }

  async load(): Promise<void> {
    if (!this.#listening) {
      this.#listening = true;
      exportManager().on('history.changed', () => void this.load());
    }
    const result = await exportManager().history.list({ offset: 0, limit: 200 });
    if (result.ok) {
      this.#items = result.value.items;
      this.#total = result.value.total;
    } else this.#error = result.error;
  }

  async remove(id: string): Promise<void> {
    // The list itself follows the `history.changed` event.
    const result = await exportManager().history.remove({ id });
    if (!result.ok) this.#error = result.error;
  }

  async clear(): Promise<void> {
    const result = await exportManager().history.clear();
    if (!result.ok) this.#error = result.error;
  }

  dismissError(): void {
    this.#error = null;
  }
}

/** The app's download history. */
export const history = new HistoryState();
