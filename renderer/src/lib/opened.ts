import { inspector } from './inspector.svelte';
import { navigation } from './navigation.svelte';
import { tracked } from './tracked.svelte';

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

/** Acts on what the system handed the app: track a deep link's exports, or inspect a zip. */
export async function handleOpened(opened: { kind: 'deep-link' | 'file'; value: string }): Promise<void> {
  if (opened.kind === 'file') {
    navigation.go('archive');
    await inspector.open(opened.value);
    return;
  }
  const urls = urlsOfDeepLink(opened.value);
  if (urls.length === 0) return;
  navigation.go('exports');
  await tracked.add(urls.join('\n'));
}
