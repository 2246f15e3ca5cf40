/**
 * The sourceFileUrls of a deep link: `export-manager://track?url=…` (repeatable), or
 * `export-manager://track/<encoded url>`. Anything else yields none.
 */
export function urlsOfDeepLink(link: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(link);
  } catch {
    return [];
  }
  if (parsed.protocol !== 'export-manager:' || parsed.hostname !== 'track') return [];
  const fromQuery = parsed.searchParams.getAll('url');
  const fromPath = parsed.pathname.length > 1 ? [decodeURIComponent(parsed.pathname.slice(1))] : [];
  return [...fromQuery, ...fromPath].filter((url) => url.trim() !== '');
}
