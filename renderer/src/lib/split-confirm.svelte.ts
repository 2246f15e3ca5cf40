import type { DownloadPlan } from '../../../shared/api/downloads';

/** A zip download that main's plan splits into parts, as the confirmation describes it. */
export type SplitPlan = DownloadPlan;

/**
 * The one split confirmation on screen: a download asks and waits; the dialog answers. A new
 * question while one is open answers the old one with "no", so no caller waits forever.
 */
class SplitConfirmState {
  #pending = $state<SplitPlan | null>(null);
  #resolve: ((confirmed: boolean) => void) | null = null;

  /** The plan waiting for an answer, or null. */
  get pending(): SplitPlan | null {
    return this.#pending;
  }

  /** Shows the confirmation; resolves to whether the person said to go ahead. */
  ask(plan: SplitPlan): Promise<boolean> {
    this.answer(false);
    this.#pending = plan;
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  /** The person's answer (or "no" when the dialog goes away some other way). */
  answer(confirmed: boolean): void {
    const resolve = this.#resolve;
    this.#resolve = null;
    this.#pending = null;
    resolve?.(confirmed);
  }
}

/** The app's split confirmation. */
export const splitConfirm = new SplitConfirmState();
