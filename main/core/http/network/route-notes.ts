import type { RouteNote } from '../../../../shared/api/network';
import type { EventSink } from '../../ports';
import type { SkippedRouteNote } from './network';
import { proxyLabel } from './proxy-url';

/** How many notes are kept: enough for a few hosts, few enough to read. */
const KEPT_NOTES = 5;

/** The sentence of a note: what the system named, why it was passed over, and where the request went instead. */
export function skippedRouteMessage(note: SkippedRouteNote): string {
  const named = note.skipped.entries.join(', ');
  const instead = note.via.kind === 'direct' ? 'went straight to the server (DIRECT)' : `went through the next proxy, ${proxyLabel(note.via.proxy)}`;
  return (
    `For ${note.target}, ${note.skipped.from} named ${named}, which Export Manager cannot use (it speaks to HTTP proxies only), ` +
    `so the request ${instead}. If that is not allowed on your network, choose "Manual" with an HTTP proxy.`
  );
}

/**
 * The notes of requests routed past proxies that cannot be used, newest first, for Settings →
 * Network (`network.routeNotes`, `network.routeNotesChanged`): so going straight to a server when
 * the system named a SOCKS proxy first is never silent. The same sentence again only moves up.
 */
export class RouteNotes {
  #notes: RouteNote[] = [];

  constructor(private readonly events: EventSink) {}

  /** Notes one request (the Network's noteSkipped). */
  readonly add = (note: SkippedRouteNote): void => {
    const message = skippedRouteMessage(note);
    const again = this.#notes[0]?.message === message;
    this.#notes = [{ message, at: new Date().toISOString() }, ...this.#notes.filter((kept) => kept.message !== message)].slice(0, KEPT_NOTES);
    // A retry or the next part of a download notes the same again: the window hears of it once.
    if (!again) this.events.emit('network.routeNotesChanged', this.list());
  };

  /** The notes, newest first. */
  list(): RouteNote[] {
    return this.#notes.map((note) => ({ ...note }));
  }
}
