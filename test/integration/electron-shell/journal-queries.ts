import type { JournalEntry } from '../../helpers/electron-double/journal';

/** Questions the shell tests ask of the double's journal. */

/** The calls main made to `api` (`app.setPath`), or to any window's method when `api` is `window.loadURL`. */
export function callsTo(entries: readonly JournalEntry[], api: string): JournalEntry[] {
  const windowApi = /^window\.(.+)$/.exec(api);
  const matches = windowApi ? (name: string) => new RegExp(`^window\\d+\\.${windowApi[1]!.replaceAll('.', '\\.')}$`).test(name) : (name: string) => name === api;
  return entries.filter((entry) => entry.kind === 'call' && matches(entry.api));
}

/** The one call main made to `api`; throws, listing what was called, when there is none. */
export function firstCallTo(entries: readonly JournalEntry[], api: string): JournalEntry {
  const found = callsTo(entries, api)[0];
  if (!found) throw new Error(`main never called ${api}; it called: ${[...new Set(entries.filter((e) => e.kind === 'call').map((e) => e.api))].join(', ')}`);
  return found;
}

/** The first time the double recorded `event` (`app:ready`, `webContents:did-fail-load`). */
export function firstEvent(entries: readonly JournalEntry[], event: string): JournalEntry | undefined {
  return entries.find((entry) => entry.kind === 'event' && entry.api === event);
}

/** What main did with an Electron module whose name starts with one of `prefixes` before `ready`. */
export function usesBeforeReady(entries: readonly JournalEntry[], prefixes: readonly string[]): string[] {
  return entries
    .filter((entry) => !entry.afterReady && entry.kind !== 'event' && prefixes.some((prefix) => entry.api === prefix || entry.api.startsWith(`${prefix}.`)))
    .map((entry) => `${entry.kind} ${entry.api}`);
}

/** Everything main reached for that the double does not offer, and every rejection main left unhandled. */
export function problems(entries: readonly JournalEntry[]): string[] {
  return entries
    .filter((entry) => entry.kind === 'unimplemented' || entry.api === 'process:unhandledRejection')
    .map((entry) => `${entry.kind} ${entry.api} ${JSON.stringify(entry.args)}`);
}
