import { z } from 'zod';

/**
 * A file or folder main handed to the renderer. The renderer shows `path` and `name` but acts
 * only through `id`: it never sends a path to main (DESIGN.md, trust boundaries).
 */
export interface FileRef {
  id: string;
  path: string;
  name: string;
}

/** The schema of a file or folder id in a payload. */
export const refId = z.string().min(1).max(64);
