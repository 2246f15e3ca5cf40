import { appendFileSync, readFileSync } from 'node:fs';

/**
 * The double's record of everything main did with `electron`, one JSON line an entry,
 * appended synchronously to a file: it survives `app.exit()` (which ends the process at once)
 * and a crash, and the test reads it while the process runs or after it has gone.
 */

/** What kind of happening an entry records. */
export type EntryKind =
  /** A method of the API was called. */
  | 'call'
  /** A property that is not a method was read (`app.isPackaged`, `session.defaultSession`). */
  | 'get'
  /** A class was constructed (`new BrowserWindow(…)`). */
  | 'new'
  /** Main reached for something the double does not offer (it threw). */
  | 'unimplemented'
  /** Something Electron or the OS did to main (`ready` fired, a page loaded, an addon loaded). */
  | 'event';

/** One line of the journal. */
export interface JournalEntry {
  /** 1, 2, 3… in the order things happened. */
  seq: number;
  kind: EntryKind;
  /** `app.setPath`, `BrowserWindow`, `window.webContents.loadURL`, `ready`… */
  api: string;
  /** The arguments, summarised to plain JSON (functions as "[function]"). */
  args: unknown[];
  /** Whether the app's `ready` had fired when it happened. */
  afterReady: boolean;
  /** Milliseconds since the process started. */
  ms: number;
}

/** Names the double's own objects get in summaries (`[BrowserWindow 1]`), so arguments stay readable. */
const names = new WeakMap<object, string>();

/** Gives one of the double's objects a readable name in the journal. */
export function nameInJournal(object: object, name: string): void {
  names.set(object, name);
}

const MAX_STRING = 2000;
const MAX_DEPTH = 8;

/** A value as plain JSON for the journal: functions, bytes, requests and the double's own objects by name. */
export function summarise(value: unknown, depth = 0): unknown {
  if (value === undefined) return '[undefined]';
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return names.get(value) ?? '[function]';
  const object = value as object;
  const named = names.get(object);
  if (named) return named;
  if (depth >= MAX_DEPTH) return '[…]';
  if (object instanceof Uint8Array) return `[${object.byteLength} bytes]`;
  if (object instanceof Error) return { error: object.message };
  if (object instanceof Request) return `[Request ${object.url}]`;
  if (object instanceof Response) return `[Response ${object.status}]`;
  if (Array.isArray(object)) return object.map((item) => summarise(item, depth + 1));
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, summarise(item, depth + 1)]));
}

/** The writing side: in the process that runs main (to a file), or in the test's own process (in memory only). */
export class Journal {
  private seq = 0;
  private ready = false;
  /** Every entry so far, in order. */
  readonly entries: JournalEntry[] = [];

  constructor(private readonly file: string | null) {}

  /** From now on entries say `afterReady: true`. */
  markReady(): void {
    this.ready = true;
  }

  /** Appends one entry; returns it. */
  record(kind: EntryKind, api: string, args: readonly unknown[] = []): JournalEntry {
    const entry: JournalEntry = {
      seq: ++this.seq,
      kind,
      api,
      args: args.map((arg) => summarise(arg)),
      afterReady: this.ready,
      ms: Math.round(performance.now()),
    };
    this.entries.push(entry);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    return entry;
  }
}

/** The reading side: every entry written so far (a line cut short by a crash is left out). */
export function readJournal(file: string): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // The last line of a process killed mid-write.
    }
  }
  return entries;
}
