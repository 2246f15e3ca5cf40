/**
 * Shows `dialog` as a modal with focus on `first`, and returns what closes it: focus goes back to
 * what had it before (the button that led here, or another dialog still open underneath), else
 * to `fallback`. A dialog taken off the page while open returns nothing by itself: the browser
 * leaves focus on the body, behind any modal still open, where no key reaches anything.
 */
export function showModal(dialog: HTMLDialogElement, first: HTMLElement | null, fallback?: () => void): () => void {
  const active = document.activeElement;
  const returnTo = active instanceof HTMLElement && active !== document.body && !dialog.contains(active) ? active : null;
  if (!dialog.open) dialog.showModal();
  first?.focus();
  return () => {
    if (dialog.open) dialog.close();
    if (returnTo?.isConnected) returnTo.focus();
    else fallback?.();
  };
}
