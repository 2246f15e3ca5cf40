import type { ApiHandlers } from '../../shared/api';
import { createApi } from './api';
import { createAppHandlers } from './app/handlers';
import type { AppIdentity } from './app/handlers';
import type { Ports } from './ports';

/** The running core: the API both transports serve, and how to stop it. */
export interface Core {
  api: ApiHandlers;
  /** Stops servers and closes files; safe to call twice. */
  close(): Promise<void>;
}

/** Options that are not side-effect ports. */
export interface CoreOptions {
  identity: AppIdentity;
}

/** Builds core from its ports: the composition root shared by the app, the bridge and tests. */
export async function createCore(ports: Ports, options: CoreOptions): Promise<Core> {
  const closers: Array<() => Promise<void> | void> = [];
  const api = createApi({
    ...createAppHandlers({
      identity: options.identity,
      dataDir: ports.paths.dataDir,
      sampleBackendUrl: () => null,
      shell: ports.shell,
    }),
  });
  let closed = false;
  return {
    api,
    async close() {
      if (closed) return;
      closed = true;
      for (const close of closers.reverse()) await close();
    },
  };
}
