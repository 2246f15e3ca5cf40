import type { Bridge } from '../bridge/server';
import { expect } from './fixtures';

/** What one history row should come from: a finished zip or URL job, a failed one, or a cancelled one. */
export type RowKind = 'zip' | 'urls' | 'failed' | 'cancelled';

/** The value of a core call, failing the test on an error. */
async function value<T>(call: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The built-in sample profile's id. */
export async function sampleProfileId(bridge: Bridge): Promise<string> {
  const profiles = await value(bridge.core.api['profiles.list'](undefined));
  return profiles.find((profile) => profile.builtIn)!.id;
}

/** A second profile that nothing answers at (port 9): its downloads fail with a network error. */
async function unreachableProfileId(bridge: Bridge): Promise<string> {
  const existing = (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.name === 'Unreachable backend');
  if (existing) return existing.id;
  const profile = await value(bridge.core.api['profiles.create']({ name: 'Unreachable backend', baseUrl: 'http://127.0.0.1:9/api' }));
  await value(bridge.core.api['tracked.add']({ profileId: profile.id, text: 'https://cdn.example.com/lost/report.pdf' }));
  return profile.id;
}

/**
 * Runs one job per kind through the real core, one after another, and waits until each is in
 * history: the rows come newest first, so the last kind is the top row. Zips keep both names
 * (the sample backend names every zip alike) and go to the default folder without asking.
 */
export async function recordRows(bridge: Bridge, kinds: readonly RowKind[]): Promise<void> {
  await value(bridge.core.api['settings.set']({ nameConflict: 'keep-both' }));
  const sample = await sampleProfileId(bridge);
  for (const kind of kinds) {
    const before = (await value(bridge.core.api['history.list']({ offset: 0, limit: 1 }))).total;
    const profileId = kind === 'failed' ? await unreachableProfileId(bridge) : sample;
    const mode = kind === 'urls' ? 'urls' : 'zip';
    const { jobId } = await value(bridge.core.api['downloads.start']({ profileId, scope: { filter: '' }, mode, saveTo: 'default' }));
    if (kind === 'cancelled') await value(bridge.core.api['downloads.cancel']({ jobId }));
    await expect
      .poll(async () => (await value(bridge.core.api['history.list']({ offset: 0, limit: 1 }))).total, { timeout: 30_000 })
      .toBe(before + 1);
  }
}
