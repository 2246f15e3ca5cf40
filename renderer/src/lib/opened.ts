import { urlsOfDeepLink } from './deep-link';
import { inspector } from './inspector.svelte';
import { navigation } from './navigation.svelte';
import { tracked } from './tracked.svelte';

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
