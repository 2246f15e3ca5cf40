import { describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../../shared/api/downloads';
import { deliveriesOf, jobOutcome } from '../../../../main/core/downloads/delivery-records';

const urls = ['https://cdn.example/a.png', 'https://cdn.example/b.png', 'https://cdn.example/c.png', 'https://cdn.example/d.png', 'https://cdn.example/e.png'];
const at = '2026-12-03T10:00:00.000Z';

describe('which exports a zip delivered', () => {
  it('counts every export of a zip whose entries number the exports asked for', () => {
    const batch = deliveriesOf({ jobId: 'j1', at, sourceFileUrls: urls.slice(0, 3), mode: 'zip', maxBatchSize: null, parts: [{ part: 1, entries: 3, path: '/s/x.zip' }] });
    expect(batch).toEqual({
      jobId: 'j1',
      at,
      delivered: urls.slice(0, 3).map((sourceFileUrl) => ({ sourceFileUrl, file: '/s/x.zip', how: 'zip' })),
      skipped: [],
    });
  });

  it('counts none of a zip that holds fewer entries than were asked for (it does not say which are missing)', () => {
    const batch = deliveriesOf({ jobId: 'j1', at, sourceFileUrls: urls.slice(0, 3), mode: 'zip', maxBatchSize: null, parts: [{ part: 1, entries: 2, path: '/s/x.zip' }] });
    expect(batch.delivered).toEqual([]);
  });

  it('judges each part of a split zip against its own batch, and a part not saved delivers nothing', () => {
    // 5 exports, 2 a request: parts [a b] [c d] [e]; part 2 came short, part 3 was never saved.
    const batch = deliveriesOf({
      jobId: 'j2',
      at,
      sourceFileUrls: urls,
      mode: 'zip',
      maxBatchSize: 2,
      parts: [
        { part: 1, entries: 2, path: '/s/x (part 1 of 3).zip' },
        { part: 2, entries: 1, path: '/s/x (part 2 of 3).zip' },
      ],
    });
    expect(batch.delivered).toEqual([
      { sourceFileUrl: urls[0], file: '/s/x (part 1 of 3).zip', how: 'zip' },
      { sourceFileUrl: urls[1], file: '/s/x (part 1 of 3).zip', how: 'zip' },
    ]);
  });
});

describe('which exports a URL-mode answer delivered and skipped', () => {
  it('pairs the exported URLs with the exports not skipped when they are as many, and keeps each skip’s reason', () => {
    const batch = deliveriesOf({
      jobId: 'j3',
      at,
      sourceFileUrls: urls.slice(0, 3),
      mode: 'urls',
      exportedUrls: ['https://files.example/1', 'https://files.example/3'],
      skipped: [{ sourceFileUrl: urls[1], reason: 'Export not found' }],
    });
    expect(batch.delivered).toEqual([
      { sourceFileUrl: urls[0], file: 'https://files.example/1', how: 'urls' },
      { sourceFileUrl: urls[2], file: 'https://files.example/3', how: 'urls' },
    ]);
    expect(batch.skipped).toEqual([{ sourceFileUrl: urls[1], reason: 'Export not found' }]);
  });

  it('keeps a skip without a reason as such, and ignores skips it cannot name or did not ask about', () => {
    const batch = deliveriesOf({
      jobId: 'j4',
      at,
      sourceFileUrls: urls.slice(0, 2),
      mode: 'urls',
      exportedUrls: ['https://files.example/1'],
      skipped: [{ sourceFileUrl: urls[1] }, { reason: 'something' }, { sourceFileUrl: 'https://elsewhere/z.png', reason: 'not ours' }],
    });
    expect(batch.skipped).toEqual([{ sourceFileUrl: urls[1], reason: null }]);
    expect(batch.delivered).toEqual([{ sourceFileUrl: urls[0], file: 'https://files.example/1', how: 'urls' }]);
  });

  it('when the counts disagree, counts only exports whose own URL the answer lists', () => {
    const batch = deliveriesOf({
      jobId: 'j5',
      at,
      sourceFileUrls: urls.slice(0, 3),
      mode: 'urls',
      // Two exported, one unnamed skip: which two is known only for the one listed by its own URL.
      exportedUrls: [urls[2]!, 'https://files.example/other'],
      skipped: [{ reason: 'unnamed' }],
    });
    expect(batch.delivered).toEqual([{ sourceFileUrl: urls[2], file: urls[2], how: 'urls' }]);
  });
});

describe('what a finished job of the window has to say', () => {
  const job = (patch: Partial<DownloadJob>): DownloadJob => ({
    jobId: 'j', profileId: 'p', profileName: 'P', mode: 'zip', itemCount: 2, state: 'succeeded', startedAt: at, finishedAt: at,
    filename: null, progress: null, result: null, error: null, ...patch,
  });
  const source = { sourceFileUrls: urls.slice(0, 2), maxBatchSize: null };
  const zip = { mode: 'zip' as const, parts: [{ part: 1, path: '/s/x.zip', fileId: 'f', bytes: 10, entries: 2, filename: 'x.zip' }], partCount: 1, bytes: 10, entries: 2, filenameSource: 'fallback' as const };

  it('says nothing while the job runs, for a check, or for a URL-mode job that failed', () => {
    expect(jobOutcome(job({ state: 'running', result: zip }), source)).toBeNull();
    expect(jobOutcome(job({ mode: 'urls', check: true, result: { mode: 'urls', exportedUrls: ['u'], skipped: [] } }), source)).toBeNull();
    expect(jobOutcome(job({ mode: 'urls', state: 'failed', result: null }), source)).toBeNull();
  });

  it('gives the parts a failed or cancelled zip job kept', () => {
    const outcome = jobOutcome(job({ state: 'cancelled', result: zip }), source);
    expect(outcome).toMatchObject({ jobId: 'j', at, mode: 'zip', parts: [{ part: 1, entries: 2, path: '/s/x.zip' }] });
    expect(deliveriesOf(outcome!).delivered).toHaveLength(2);
  });
});
