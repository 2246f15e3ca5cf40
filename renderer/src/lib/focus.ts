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

/** Focuses the heading of the screen shown (after a screen change). */
export function focusScreen(): Promise<void> {
  return focusSoon('main h1');
}
