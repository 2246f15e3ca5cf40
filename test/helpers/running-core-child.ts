/**
 * The app's core in a process of its own, for tests of what survives that process being killed:
 * over the data, temp and downloads folders the parent names (`CORE_DATA_DIR`, `CORE_TEMP_DIR`,
 * `CORE_DOWNLOADS_DIR`), it makes a profile for the parent's backend (`CORE_BASE_URL`, at most
 * `CORE_MAX_BATCH` exports a request), tracks `CORE_URLS` (one a line), starts a zip of them into
 * the default folder and prints `{"jobId": …}` on stdout. Then it runs until it is killed.
 */
import { createCore } from '../../main/core/core';
import { value } from './result-value';
import { createTestPorts } from './test-ports';

const env = (name: string): string => {
  const found = process.env[name];
  if (!found) throw new Error(`${name} is not set`);
  return found;
};

const ports = createTestPorts();
Object.assign(ports.paths, { dataDir: env('CORE_DATA_DIR'), tempDir: env('CORE_TEMP_DIR'), downloadsDir: env('CORE_DOWNLOADS_DIR') });
const core = await createCore(ports, { identity: { name: 'Export Manager', version: '0.0.0', platform: 'linux' }, sampleBackend: false });
const profile = await value(core.api['profiles.create']({ name: 'Kept across a crash', baseUrl: env('CORE_BASE_URL') }));
await value(core.api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: Number(env('CORE_MAX_BATCH')) }));
await value(core.api['tracked.add']({ profileId: profile.id, text: env('CORE_URLS') }));
await value(core.api['settings.set']({ saveMode: 'default-folder' }));
const { jobId } = await value(core.api['downloads.start']({ profileId: profile.id, scope: { filter: '' }, mode: 'zip' }));
process.stdout.write(`${JSON.stringify({ jobId, profileId: profile.id })}\n`);
// Keeps running (the download waits on a stalled part) until the parent kills it.
setInterval(() => {}, 60_000);
