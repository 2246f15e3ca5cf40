/** What an `export-manager://` link asks for: exports to track, or why it cannot be read. */
export type DeepLink = { kind: 'track'; urls: string[] } | { kind: 'invalid'; reason: string };

/** Decodes one percent-encoded value; null when an escape is malformed. */
function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Reads `export-manager://track?url=…` (the parameter may repeat) or
 * `export-manager://track/<encoded url>`. Never throws: anything it cannot read comes back as
 * `invalid` with a reason a person can act on. Nothing is added until the user confirms.
 */
export function parseDeepLink(link: string): DeepLink {
  const match = /^export-manager:\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?/i.exec(link.trim());
  if (!match) return { kind: 'invalid', reason: 'This is not an Export Manager link (export-manager://track?url=…).' };
  const [, action = '', path = '', query = ''] = match;
  if (action.toLowerCase() !== 'track') {
    return { kind: 'invalid', reason: `Export Manager links can only track exports; "${action || '(none)'}" is not something it does.` };
  }
  const raw = [
    ...query.slice(1).split('&').filter((pair) => /^url=/i.test(pair)).map((pair) => pair.slice(4)),
    ...(path.length > 1 ? [path.slice(1)] : []),
  ];
  const urls: string[] = [];
  for (const value of raw) {
    const url = decoded(value);
    if (url === null) return { kind: 'invalid', reason: 'The link is damaged: it has a malformed %-escape. Nothing was added; ask for the link again.' };
    if (url.trim()) urls.push(url.trim());
  }
  if (urls.length === 0) return { kind: 'invalid', reason: 'The link names no export to track (no url=… in it).' };
  return { kind: 'track', urls };
}
