import type { historyMethods } from '../../../../shared/api/history';
import type { HandlerTable } from '../../handlers';
import type { StoreHandlerDeps } from './deps';

/** Handlers for `history.*`. */
export function createHistoryHandlers(deps: StoreHandlerDeps): HandlerTable<keyof typeof historyMethods> {
  const { store } = deps;
  const changed = () => deps.events?.emit('history.changed', null);
  return {
    'history.list': ({ offset, limit }) => store.history.list(offset, limit),
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
  };
}
