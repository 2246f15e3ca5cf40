import type { HistoryItem, HistoryUrls } from '../../../shared/api/history';
import { dirname } from 'node:path';
import type { DownloadHistory, JobJournal } from '../downloads';
import { ownerIsGone, thisProcess } from '../files/process-owner';
import { cleanStaleTempFiles } from '../files/temp-files';
import type { FileGrants } from '../file-grants';
import type { Feature, MethodsOf } from '../handlers';
import type { EventSink } from '../ports';
import type { StoredHistoryItem } from '../store/history-repo';
import type { Store } from '../store/store';
import { whileBusy } from '../store/while-busy';
import { savedFileState, stampOf } from './saved-file';

/** The URL lists history kept for a job, with the profile it ran for (what "Download each…" needs once the job left Downloads). */
export type KeptUrlLists = HistoryUrls & { profileId: string; profileName: string };

/** `history.*`, plus the doors through which downloads record finished jobs and read back what history kept. */
export interface HistoryFeature extends Feature<MethodsOf<'history'>> {
  /** Records a finished job and announces it, like every other change to the history; journals running ones. */
  downloadHistory: DownloadHistory & JobJournal;
  /** Settles once the jobs an earlier run left running are listed as interrupted (see `interruptOrphans`). */
  ready: Promise<void>;
}

/** `history.*`: the list of finished jobs. It alone changes the history, so it alone emits `history.changed`. */
export function createHistoryFeature(deps: { store: Store; events: EventSink; grants: FileGrants }): HistoryFeature {
  const { store } = deps;
  const changed = () => deps.events.emit('history.changed', null);
  const owner = thisProcess();

  /**
   * The jobs an earlier run journaled that never ended (the app quit or crashed, the machine
   * stopped) become interrupted rows, offered for Resume; whatever they were writing beside
   * their part 1 (a move's temp file) is removed if its writer is dead. A database that stays
   * busy only delays this: it is a listing, never a reason not to start.
   */
  async function interruptOrphans(): Promise<void> {
    try {
      const { count, paths } = await whileBusy(() => store.history.interruptOrphans(ownerIsGone));
      if (count === 0) return;
      await cleanStaleTempFiles(paths.map((path) => dirname(path)));
      changed();
    } catch (error) {
      console.error('Could not list the interrupted downloads:', (error as Error)?.message);
    }
  }

  /** A stored row as the window sees it: its file may be shown or inspected only while it is still the one the job wrote. */
  async function listed({ savedFile, ...item }: StoredHistoryItem): Promise<HistoryItem> {
    if (item.path === null) return { ...item, fileState: null, fileId: null };
    const fileState = await savedFileState(item.path, savedFile);
    return { ...item, fileState, fileId: fileState === 'saved' ? deps.grants.grant(item.path, 'file').id : null };
  }

  const ready = interruptOrphans();

  return {
    ready,
    handlers: {
      'history.list': async (query) => {
        // The first listing after a start already shows what the last run left interrupted.
        await ready;
        const { items, total } = store.history.list(query);
        return { items: await Promise.all(items.map(listed)), total, recorded: store.history.count(), profiles: store.history.profiles() };
      },
      'history.urls': ({ id }) => store.history.urls(id),
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
      // The URL lists kept for a URL-mode job: downloads' saveUrls and fetchUrls serve a History
      // row with them once its job has left the recent jobs (another session, or cleared).
      keptUrls: (jobId): KeptUrlLists | null => store.history.urlsOfJob(jobId),
      // Called by a job as it ends, outside any API call: a busy database is waited out here.
      async record(entry) {
        // The file as the job left it, so a later listing can tell whether it is still that file.
        const savedFile = entry.path === null ? null : await stampOf(entry.path);
        await whileBusy(() => store.history.record(entry, savedFile));
        changed();
      },
      // The journal of running jobs is not history yet: no `history.changed` until they end.
      began: async (entry) => void (await whileBusy(() => store.history.begin(entry, owner))),
      savedFirstPart: async (jobId, path, bytes) => void (await whileBusy(() => store.history.noteSaved(jobId, path, bytes))),
      resumeFrom: (jobId) => {
        const row = store.history.ofJob(jobId);
        return row && row.mode === 'zip' ? { profileId: row.profileId, firstPartPath: row.path } : null;
      },
    },
  };
}
