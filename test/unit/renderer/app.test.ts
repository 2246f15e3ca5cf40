import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { eventNames } from '../../../shared/api';
import App from '../../../renderer/src/App.svelte';
import { installFakeExportManager } from './fake-export-manager';

describe('App', () => {
  it('follows each event once while it is shown, and none after', () => {
    const main = installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [] });
    const { unmount } = render(App);
    // Every event, archive.progress included (the Inspect screen's verify follows it).
    const followed = eventNames;
    expect(Object.fromEntries(followed.map((name) => [name, main.listeners(name)]))).toEqual(Object.fromEntries(followed.map((name) => [name, 1])));
    unmount();
    expect(eventNames.filter((name) => main.listeners(name) > 0)).toEqual([]);
  });
});
