import { join } from 'node:path';
import { fail } from '../app-error';
import type { FileGrants } from '../file-grants';
import type { Feature, MethodsOf } from '../handlers';
import type { Dialogs, EventSink } from '../ports';
import { cleanLabel, readSourceFile, parseSourceUrls } from '../files/parse-source-urls';
import type { Store } from '../store/store';
import { writeFileAtomically } from '../files/write-atomically';
import { formatTrackedList } from './tracked-file';
import { whileBusy } from '../store/while-busy';

const IMPORT_FILTERS = [
  { name: 'Lists of exports', extensions: ['txt', 'csv', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/** A file-name-safe form of a profile name. */
function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'profile';
}

/**
 * `tracked.*`: the exports each profile tracks: add, import, list (with what was delivered of
 * each), remove, export to a file. Deliveries are recorded by the downloads room as its jobs end
 * (it announces them as `tracked.delivered`).
 */
export function createTrackedFeature(deps: {
  store: Store;
  dialogs: Pick<Dialogs, 'openFiles' | 'saveAs'>;
  /** Where the export dialog starts. */
  downloadsDir: string;
  events: EventSink;
  grants: FileGrants;
}): Feature<MethodsOf<'tracked'>> {
  const { store } = deps;
  const changed = (profileId: string) => deps.events.emit('tracked.changed', { profileId });
  const importFile = async (profileId: string, path: string) => {
    store.profiles.require(profileId);
    const lines = await readSourceFile(path);
    // Retried here rather than by running the call again: the file may come from a dialog, which
    // must not open twice.
    const report = await whileBusy(() => store.tracked.add(profileId, lines));
    if (report.added) changed(profileId);
    return report;
  };
  return {
    handlers: {
      'tracked.add': ({ profileId, text }) => {
        const report = store.tracked.add(profileId, parseSourceUrls(text, 'auto'));
        if (report.added) changed(profileId);
        return report;
      },
      'tracked.import': async ({ profileId, fileId }) => importFile(profileId, deps.grants.resolve(fileId, 'file')),
      'tracked.chooseImportFile': async ({ profileId }) => {
        store.profiles.require(profileId);
        const paths = await deps.dialogs.openFiles({ title: 'Import tracked exports', filters: IMPORT_FILTERS, multiple: false });
        if (!paths?.[0]) return null;
        return importFile(profileId, paths[0]);
      },
      'tracked.list': ({ profileId, countNew, ...query }) => {
        store.profiles.require(profileId);
        const page = store.tracked.list(profileId, query);
        return countNew ? { ...page, newCount: store.tracked.countUndelivered(profileId) } : page;
      },
      'tracked.restore': ({ profileId, items }) => {
        store.profiles.require(profileId);
        const restored = store.tracked.restore(profileId, items);
        if (restored) changed(profileId);
        return { restored };
      },
      'tracked.setLabel': ({ profileId, id, label }) => {
        store.profiles.require(profileId);
        if (!store.tracked.setLabel(profileId, id, cleanLabel(label))) fail('state', 'That export is no longer tracked; refresh the list.');
        changed(profileId);
        return store.tracked.get(profileId, id)!;
      },
      'tracked.matching': ({ profileId, filter, among, undelivered }) => {
        store.profiles.require(profileId);
        return { ids: store.tracked.matching(profileId, filter, among, undelivered === true) };
      },
      'tracked.remove': ({ profileId, ids }) => {
        const items = store.tracked.take(profileId, ids);
        if (items.length) changed(profileId);
        return { removed: items.length, items };
      },
      'tracked.export': async ({ profileId, format }) => {
        const profile = store.profiles.require(profileId);
        const path = await deps.dialogs.saveAs({
          title: 'Export the tracked list',
          defaultPath: join(deps.downloadsDir, `tracked-exports-${safeName(profile.name)}.${format}`),
          filters: [{ name: format.toUpperCase(), extensions: [format] }],
        });
        if (!path) return { file: null };
        // After the dialog: retried here rather than by running the call again, which would ask again.
        const exports = await whileBusy(() => store.tracked.all(profileId));
        await writeFileAtomically(path, formatTrackedList(exports, format));
        return { file: deps.grants.grant(path, 'file') };
      },
    },
  };
}
