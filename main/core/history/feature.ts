import type { DownloadHistory } from '../downloads';
import type { FileGrants } from '../file-grants';
import type { Feature, MethodsOf } from '../handlers';
import type { EventSink } from '../ports';
import type { Store } from '../store/store';
import { whileBusy } from '../store/while-busy';

/** `history.*`, plus the door through which finished downloads are recorded. */
export interface HistoryFeature extends Feature<MethodsOf<'history'>> {
  /** Records a finished job and announces it, like every other change to the history. */
  downloadHistory: DownloadHistory;
}

/** `history.*`: the list of finished jobs. It alone changes the history, so it alone emits `history.changed`. */
export function createHistoryFeature(deps: { store: Store; events: EventSink; grants: FileGrants }): HistoryFeature {
  const { store } = deps;
  const changed = () => deps.events.emit('history.changed', null);
  return {
    handlers: {
      'history.list': ({ offset, limit }) => {
        const { items, total } = store.history.list(offset, limit);
        // A saved file is one main recorded itself: the renderer may show or inspect it by id.
        return { items: items.map((item) => ({ ...item, fileId: item.path ? deps.grants.grant(item.path, 'file').id : null })), total };
      },
      'history.remove': ({ id }) => {
        const removed = store.history.remove(id);
        if (removed) changed();
        return { removed };
      },
      'history.clear': () => {
        const removed = store.history.clear();
        changed();
        return { removed };
      },
    },
    downloadHistory: {
      // Called by a job as it ends, outside any API call: a busy database is waited out here.
      async record(entry) {
        await whileBusy(() => store.history.record(entry));
        changed();
      },
    },
  };
}
