import { tick } from 'svelte';

/** Frames to wait for an element that arrives with an event (a new job's card). */
const WAIT_FRAMES = 90;

/**
 * Moves keyboard focus to the first element matching `selector` once it is on the page, so
 * focus lands where the user's action led instead of dropping to the page.
 */
export async function focusSoon(selector: string): Promise<void> {
  await tick();
  for (let frame = 0; frame < WAIT_FRAMES; frame++) {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) {
      element.focus();
      return;
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * After an action that may take the focused element away with it (a row removed, a banner
 * closed, an edit field that closes): once the page has updated, focuses the first of
 * `candidates` on the page, but only if focus fell to the page. Focus the person moved on purpose
 * (a click elsewhere, Tab) stays where it is.
 */
export async function refocusIfLost(...candidates: Array<string | (() => HTMLElement | null | undefined)>): Promise<void> {
  await tick();
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  for (const candidate of candidates) {
    const element = typeof candidate === 'string' ? document.querySelector<HTMLElement>(candidate) : candidate();
    if (element) {
      element.focus();
      return;
    }
  }
}

/**
 * `refocusIfLost` once `leaving` has left the page: for an element that goes with a change event
 * a moment after the call that caused it (a deleted profile's card), not at the next update.
 */
export async function refocusWhenGone(leaving: Element, ...candidates: Array<string | (() => HTMLElement | null | undefined)>): Promise<void> {
  for (let frame = 0; frame < WAIT_FRAMES && leaving.isConnected; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await refocusIfLost(...candidates);
}

/** Focuses the heading of the screen shown (after a screen change). */
export function focusScreen(): Promise<void> {
  return focusSoon('main h1');
}
