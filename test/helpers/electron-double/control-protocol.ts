/**
 * The messages between the test and the double in the child process (over the fork IPC
 * channel): the test drives what Electron and Chromium would do, the child answers each
 * command by its id.
 */

/** Which frame an IPC call comes from. */
export interface SenderFrameChoice {
  /** The window's main frame, an iframe inside it, or none (`senderFrame` null: the frame is gone). */
  frame: 'main' | 'iframe' | 'none';
  /** The frame's URL (default: the page the window loaded), e.g. another origin the main frame navigated to. */
  url?: string;
}

/** What the test can ask of the child. */
export type ControlCommand =
  /** Fire `will-finish-launching` and `ready`. */
  | { type: 'ready' }
  /** Ask the `app://` (or any) protocol handler for a URL, with a real Request. */
  | { type: 'protocol-request'; url: string }
  /** Call an ipcMain handler with an event from the given frame of the main window. */
  | { type: 'invoke'; channel: string; args: unknown[]; sender: SenderFrameChoice }
  /** End the main window's page load: finished, or failed with Chromium's net error. */
  | { type: 'page-load'; outcome: 'finish' }
  | { type: 'page-load'; outcome: 'fail'; code: number; description: string }
  /** The headers a response from `url` would reach the page with, after main's webRequest listener. */
  | { type: 'response-headers'; url: string; headers: Record<string, string[]> }
  /** Ask main's permission handler whether the main window may use `permission`. */
  | { type: 'permission'; permission: string }
  /** The page asks to open `url` in a new window (`window.open`, a target=_blank link): main's window-open handler answers. */
  | { type: 'window-open'; url: string }
  /** Quit as the person would (the menu's Quit): Electron's whole quit sequence. */
  | { type: 'quit' }
  /** Answers on the next turn of the child's event loop, once what earlier commands set off (promise jobs, rejections) has run. */
  | { type: 'settle' };

/** A command as sent: with the id its reply carries. */
export type ControlRequest = ControlCommand & { id: number };

/** The answer to one command. */
export type ControlReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** What the child says without being asked: the quit sequence ended, with what still keeps the process alive. */
export interface QuitFinishedNotice {
  type: 'quit-finished';
  activeResources: string[];
}

/** A protocol handler's response, as it crosses the channel. */
export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}
