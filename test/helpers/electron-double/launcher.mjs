/**
 * The child's first module, plain JavaScript so Node runs it with no flags: registers tsx for
 * this thread only, then starts the double (child-entry.ts). A flag such as `--import tsx`
 * would be inherited by main's worker threads, where on Node 20 it does not work, so the
 * archive worker would not start as it does in Electron.
 */
import { register } from 'tsx/esm/api';

register();
await import('./child-entry.ts');
