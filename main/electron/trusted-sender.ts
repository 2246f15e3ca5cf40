/** Which IPC calls main answers: pure, so it is tested without Electron. */

/** What main knows about the frame behind an IPC call. */
export interface SenderFrame {
  /** The id of the webContents that sent the call. */
  webContentsId: number;
  /** Whether the sending frame is that webContents' main frame (not an iframe). */
  isMainFrame: boolean;
  /** The sending frame's URL; null when the frame is gone. */
  url: string | null;
}

/** `scheme://host[:port]` of a URL, also for custom schemes (where `URL.origin` is "null"); null when it is not a URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/**
 * True only for the main frame of the app's own window, showing a page of the app's own
 * origin: an iframe, another window, or a page that got navigated elsewhere is refused.
 */
export function isTrustedSender(frame: SenderFrame, windowId: number | null, allowedOrigins: readonly string[]): boolean {
  if (windowId === null || frame.webContentsId !== windowId || !frame.isMainFrame || frame.url === null) return false;
  const origin = originOf(frame.url);
  return origin !== null && allowedOrigins.includes(origin);
}
