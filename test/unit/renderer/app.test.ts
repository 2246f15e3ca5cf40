import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { eventNames } from '../../../shared/api';
import App from '../../../renderer/src/App.svelte';
import { installFakeExportManager } from './fake-export-manager';

describe('App', () => {
  it('follows each event once while it is shown, and none after', () => {
    const main = installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [] });
    const { unmount } = render(App);
    // Verify jobs are not run by any screen yet, so nothing follows their progress.
    const followed = eventNames.filter((name) => name !== 'archive.progress');
    expect(Object.fromEntries(followed.map((name) => [name, main.listeners(name)]))).toEqual(Object.fromEntries(followed.map((name) => [name, 1])));
    unmount();
    expect(eventNames.filter((name) => main.listeners(name) > 0)).toEqual([]);
  });
});
