import { numberedName } from '../../../shared/numbered-name';
import { nameSegments } from './entry-name';

/** Where one entry goes, relative to the destination, as segments. */
export interface PlannedTarget {
  segments: string[];
  /** Set when the entry's own name was taken and it was numbered. */
  renamedFrom: string | null;
}

/**
 * Chooses a unique relative path for each entry, in archive order. Names are compared as a
 * person reads them: case-insensitively (they would collide on Windows and macOS disks) and
 * under Unicode normalization (`café` written with é or with e + a combining accent looks the
 * same, and macOS disks treat the two as one name). Folders that differ only so merge into the
 * first spelling; a file whose path is taken becomes `name (1).ext`.
 */
export class ExtractPlan {
  /** Comparison key of a relative path (see #key) → 'dir' | 'file'. */
  readonly #taken = new Map<string, 'dir' | 'file'>();
  /** Comparison key of a folder path → its first spelling. */
  readonly #spelling = new Map<string, string>();

  /** Reserves a folder (and its parents); returns its segments. */
  directory(name: string): string[] {
    return this.#reserveFolders(nameSegments(name));
  }

  /** Reserves a file path, numbering it when taken; returns where it goes. */
  file(name: string): PlannedTarget {
    const segments = nameSegments(name);
    const folders = this.#reserveFolders(segments.slice(0, -1));
    const base = segments.at(-1) ?? '_';
    let candidate = base;
    for (let n = 1; this.#taken.has(this.#key([...folders, candidate])); n++) candidate = numberedName(base, n);
    this.#taken.set(this.#key([...folders, candidate]), 'file');
    return { segments: [...folders, candidate], renamedFrom: candidate === base ? null : name };
  }

  /** Picks the next free numbered name beside a file that already exists on disk. */
  renumber(target: string[], attempt: number, original: string): string[] {
    const base = nameSegments(original).at(-1) ?? '_';
    const folders = target.slice(0, -1);
    let n = attempt;
    while (this.#taken.has(this.#key([...folders, numberedName(base, n)]))) n++;
    const segments = [...folders, numberedName(base, n)];
    this.#taken.set(this.#key(segments), 'file');
    return segments;
  }

  #reserveFolders(segments: string[]): string[] {
    const out: string[] = [];
    for (const segment of segments) {
      const key = this.#key([...out, segment]);
      const spelled = this.#spelling.get(key);
      if (spelled !== undefined) {
        out.push(spelled);
        continue;
      }
      // A file already holds this path: the folder gets a numbered name instead.
      let candidate = segment;
      for (let n = 1; this.#taken.get(this.#key([...out, candidate])) === 'file'; n++) candidate = `${segment} (${n})`;
      this.#spelling.set(this.#key([...out, candidate]), candidate);
      this.#spelling.set(key, candidate);
      this.#taken.set(this.#key([...out, candidate]), 'dir');
      out.push(candidate);
    }
    return out;
  }

  /** What two paths share when a person could not tell them apart: lower case, then NFC (lowering can decompose, as İ does). */
  #key(segments: string[]): string {
    return segments.join('/').toLowerCase().normalize('NFC');
  }
}
