import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../main/core/store/store';
import type { Store } from '../../main/core/store/store';

/** A store in a fresh temporary data folder. */
export interface StoreFixture {
  store: Store;
  dataDir: string;
  root: string;
  /** Closes the store and removes the folder. */
  cleanup(): void;
}

/** Opens a store over a new temporary folder; call `cleanup` in afterEach. */
export function createStoreFixture(): StoreFixture {
  const root = mkdtempSync(join(tmpdir(), 'export-manager-store-'));
  const dataDir = join(root, 'data');
  const store = openStore(dataDir);
  return {
    store,
    dataDir,
    root,
    cleanup() {
      store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
