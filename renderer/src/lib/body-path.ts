import type { ZipPart } from '../../../shared/api/downloads';

/**
 * How a zip's body was read, for its card's details: by the app's own reader (a worker thread
 * reading the socket into one buffer, main/core/http/fast-body/), or by the general HTTP client
 * where that reader hands over (a redirect, a proxy login, an unusual answer). Null when no part
 * says (parts kept from an earlier download).
 */
export function bodyPathNote(parts: readonly ZipPart[]): string | null {
  const said = parts.filter((part) => part.bodyPath !== undefined);
  if (said.length === 0) return null;
  const general = said.filter((part) => part.bodyPath === 'got').length;
  if (general === 0) return 'Read by the app’s own downloader, off the window’s thread.';
  const which = said.length === 1 ? 'Read' : general === said.length ? 'Every part read' : `${general} of ${said.length} parts read`;
  return `${which} by the general HTTP client (a redirect, a proxy login or an answer the app’s own downloader hands over).`;
}
