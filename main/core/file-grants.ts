import { randomUUID } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import { fail } from './app-error';

/** A file or a folder. */
export type GrantKind = 'file' | 'folder';

/** A path main handed to the renderer: the id to act on it, and the path and name to show. */
export interface Granted {
  id: string;
  path: string;
  name: string;
}

/**
 * The paths the renderer may act on, by opaque id. The renderer is untrusted: it never sends a
 * path, only an id that main handed out for a path the user picked in a native dialog, dropped
 * on the window, opened through the OS, or that main recorded itself (a saved download). So a
 * compromised page can name nothing else on disk. Ids live as long as the process; the oldest
 * are forgotten past `capacity`.
 */
export class FileGrants {
  private readonly byId = new Map<string, { path: string; kind: GrantKind }>();
  private readonly byPath = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  /** The id for `path` (the same id each time it is granted again). */
  grant(path: string, kind: GrantKind): Granted {
    if (!isAbsolute(path)) throw new Error(`Only absolute paths are granted: ${path}`);
    const key = `${kind}:${path}`;
    let id = this.byPath.get(key);
    if (id) {
      // Most recently used last: the oldest grant is the one forgotten first.
      this.byId.delete(id);
    } else {
      id = `${kind}-${randomUUID()}`;
      this.byPath.set(key, id);
    }
    this.byId.set(id, { path, kind });
    this.forgetOldest();
    return { id, path, name: basename(path) };
  }

  /** The path behind an id of that kind; a `state` error when the id is unknown or forgotten (the file must be chosen again). */
  resolve(id: string, kind: GrantKind): string {
    const granted = this.byId.get(id);
    if (!granted || granted.kind !== kind) {
      fail('state', kind === 'file' ? 'That file is no longer available here: choose it again.' : 'That folder is no longer available here: choose it again.');
    }
    return granted.path;
  }

  /** The path and kind behind a file or a folder id (for showing either in the file manager). */
  resolveAny(id: string): { path: string; kind: GrantKind } {
    const kind = this.byId.get(id)?.kind ?? 'file';
    return { path: this.resolve(id, kind), kind };
  }

  private forgetOldest(): void {
    while (this.byId.size > this.capacity) {
      const [oldest, granted] = this.byId.entries().next().value!;
      this.byId.delete(oldest);
      this.byPath.delete(`${granted.kind}:${granted.path}`);
    }
  }
}
