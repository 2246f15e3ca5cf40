/**
 * The app's own "are you sure?" for an action that cannot be taken back (clear the history,
 * delete a profile, extract past a safety limit): a dialog in the app's look, with the action
 * named on its button, instead of the browser's `confirm()`, which names no action ("OK"),
 * looks like a page's, and blocks the whole window.
 */

/** What the dialog asks. */
export interface ConfirmRequest {
  title: string;
  /** What happens, and what is kept: one or two sentences. */
  message: string;
  /** The button that goes ahead, named for the action ("Delete profile"). */
  confirm: string;
  /** Whether going ahead destroys something (the button is drawn as dangerous). */
  danger?: boolean;
}

/**
 * The one confirmation on screen: an action asks and waits; the dialog answers. A new question
 * while one is open answers the old one with "no", so no caller waits forever.
 */
class ConfirmationState {
  #pending = $state<ConfirmRequest | null>(null);
  #resolve: ((confirmed: boolean) => void) | null = null;

  /** The question waiting for an answer, or null. */
  get pending(): ConfirmRequest | null {
    return this.#pending;
  }

  /** Asks; resolves to whether the person said to go ahead. */
  ask(request: ConfirmRequest): Promise<boolean> {
    this.answer(false);
    this.#pending = request;
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

/** The app's confirmation. */
export const confirmation = new ConfirmationState();
