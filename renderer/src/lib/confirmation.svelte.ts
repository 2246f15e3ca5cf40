/**
 * The app's own "are you sure?" for an action that cannot be taken back (clear the history,
 * delete a profile, extract past a safety limit): a dialog in the app's look, with the action
 * named on its button, instead of the browser's `confirm()`, which names no action ("OK"),
 * looks like a page's, and blocks the whole window.
 */
import { PendingQuestion } from './pending-question.svelte';

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

/** The app's confirmation. */
export const confirmation = new PendingQuestion<ConfirmRequest>();
