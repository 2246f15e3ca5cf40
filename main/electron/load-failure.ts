/** What the window says when its page did not load: pure, so it is tested without Electron. */

/** Chromium's net error for a load that was cancelled (a navigation the app itself prevented): not a failure. */
const ERR_ABORTED = -3;

/** Whether a `did-fail-load` error code means the page really failed (not a cancelled navigation). */
export function isLoadFailure(code: number): boolean {
  return code !== ERR_ABORTED;
}

/** The title, message and detail of the dialog shown over a window whose page failed to load. */
export function loadFailureText(code: number, description: string, url: string): { title: string; message: string; detail: string } {
  return {
    title: 'Export Manager',
    message: 'Export Manager’s window could not load its page.',
    detail:
      `${url} failed: ${description || 'unknown error'} (${code}). ` +
      'Try again; if it keeps failing, reinstall Export Manager (its files may be damaged or incomplete).',
  };
}
