import type { AppInfo } from '../../../shared/api/app';
import type { appMethods } from '../../../shared/api/app';
import type { HandlerTable } from '../handlers';
import type { DesktopShell } from '../ports';

/** What the host tells core about the running app. */
export interface AppIdentity {
  name: string;
  version: string;
  platform: string;
}

/** Handlers for `app.*`. */
export function createAppHandlers(deps: {
  identity: AppIdentity;
  dataDir: string;
  sampleBackendUrl: () => string | null;
  shell: DesktopShell;
}): HandlerTable<keyof typeof appMethods> {
  return {
    'app.info': (): AppInfo => ({
      ...deps.identity,
      sampleBackendUrl: deps.sampleBackendUrl(),
      dataDir: deps.dataDir,
    }),
    'app.openExternal': async ({ url }) => {
      await deps.shell.openExternal(url);
      return null;
    },
    'app.showInFolder': ({ path }) => {
      deps.shell.showInFolder(path);
      return null;
    },
  };
}
