/**
 * One yes-or-no question on screen at a time (a confirmation, a split download's plan): an
 * action asks and waits; its dialog answers. A new question while one is open answers the old
 * one with "no", so no caller waits forever.
 */
export class PendingQuestion<Question> {
  #pending = $state<Question | null>(null);
  #resolve: ((confirmed: boolean) => void) | null = null;

  /** The question waiting for an answer, or null. */
  get pending(): Question | null {
    return this.#pending;
  }

  /** Asks; resolves to whether the person said to go ahead. */
  ask(question: Question): Promise<boolean> {
    this.answer(false);
    this.#pending = question;
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
