import type { AppInfo } from '../../../shared/api/app';
import type { Feature, MethodsOf } from '../handlers';
import { bulkExportUrl } from '../sample-backend/sample-catalog';
import type { FileGrants } from '../file-grants';
import type { DesktopShell } from '../ports';

/** The size of the sample export offered for trying progress and cancel. */
const LARGE_SAMPLE_MIB = 512;

function sampleLargeExportUrl(baseUrl: string | null): string | null {
  return baseUrl === null ? null : bulkExportUrl(baseUrl, LARGE_SAMPLE_MIB);
}

/** What the host tells core about the running app. */
export type AppIdentity = Pick<AppInfo, 'name' | 'version' | 'platform'>;

/** `app.*`: what the app is and where it keeps state, and the desktop's browser and file manager. */
export function createAppFeature(deps: {
  identity: AppIdentity;
  dataDir: string;
  sampleBackendUrl: () => string | null;
  shell: DesktopShell;
  grants: FileGrants;
}): Feature<MethodsOf<'app'>> {
  return {
    handlers: {
      'app.info': (): AppInfo => ({
        ...deps.identity,
        sampleBackendUrl: deps.sampleBackendUrl(),
        sampleLargeExportUrl: sampleLargeExportUrl(deps.sampleBackendUrl()),
        dataDir: deps.dataDir,
      }),
      'app.openExternal': async ({ url }) => {
        await deps.shell.openExternal(url);
        return null;
      },
      // A folder (extracted files, a files job) is opened, so its contents show; a file is
      // selected in its folder.
      'app.showInFolder': async ({ id }) => {
        const { path, kind } = deps.grants.resolveAny(id);
        if (kind === 'folder') await deps.shell.openPath(path);
        else deps.shell.showInFolder(path);
        return null;
      },
    },
  };
}
