import type { DownloadJob } from '../../../shared/api/downloads';

/**
 * Whether two jobs ask for the same thing: the same profile, mode (a check apart from a URL-mode
 * download) and exports as main resolved them. A second start of a running request is a double
 * click or a repeated key, never a wish for two identical files, so main refuses it.
 */
export function sameRequest(a: DownloadJob, b: DownloadJob): boolean {
  if (a.profileId !== b.profileId || a.mode !== b.mode || Boolean(a.check) !== Boolean(b.check)) return false;
  if (!a.exportIds || !b.exportIds || a.exportIds.length !== b.exportIds.length) return false;
  return a.exportIds.every((id, i) => id === b.exportIds![i]);
}
