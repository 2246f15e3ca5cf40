/**
 * The rules by which a finished download counts exports as delivered or skipped: one place for
 * the window's jobs and the command line, so `download --new` and "Download new" agree.
 */
import type { DownloadJob } from '../../../shared/api/downloads';
import { splitIntoBatches } from '../../../shared/batches';
import type { DeliveryBatch } from '../store/deliveries-repo';

/** What a finished download brought back, as much as the rules need. */
export type DeliveryOutcome = {
  /** The job; null for a run of the command line (it has no job). */
  jobId: string | null;
  /** When it ended (ISO date-time). */
  at: string;
  /** What was asked for, in the order it was sent. */
  sourceFileUrls: readonly string[];
} & (
  | {
      mode: 'zip';
      /** The most exports a request carried (null: one request), which says which exports each part was asked for. */
      maxBatchSize: number | null;
      /** The parts saved and verified, whatever happened after (a failed or cancelled job keeps its parts). */
      parts: ReadonlyArray<{ part: number; entries: number; path: string }>;
    }
  | { mode: 'urls'; exportedUrls: readonly string[]; skipped: ReadonlyArray<{ sourceFileUrl?: string; reason?: string }> }
);

/** Which exports `outcome` delivered and which the backend skipped, by URL. */
export function deliveriesOf(outcome: DeliveryOutcome): DeliveryBatch {
  const { jobId, at } = outcome;
  if (outcome.mode === 'zip') return { jobId, at, delivered: zipDelivered(outcome), skipped: [] };
  return { jobId, at, ...urlModeDelivered(outcome) };
}

/**
 * A zip part delivered its request when it holds exactly as many entries as exports were asked
 * of it: a zip with fewer (the backend left some out) does not say which are missing, so none of
 * that part counts. Each part is judged against its own batch of the request.
 */
function zipDelivered(outcome: Extract<DeliveryOutcome, { mode: 'zip' }>): DeliveryBatch['delivered'] {
  const batches = splitIntoBatches(outcome.sourceFileUrls, outcome.maxBatchSize);
  return outcome.parts.flatMap((part) => {
    const asked = batches[part.part - 1];
    if (!asked || part.entries !== asked.length) return [];
    return asked.map((sourceFileUrl) => ({ sourceFileUrl, file: part.path, how: 'zip' as const }));
  });
}

/**
 * URL mode names the skipped exports (by `sourceFileUrl`, with the backend's reason) but answers
 * with exported file URLs that need not name their export. When there are exactly as many
 * exported URLs as exports requested and not skipped, those exports were all exported (each
 * given the exported URL in its place, as backends answer in order); otherwise only an export
 * whose own URL is listed among the exported ones counts, and the rest stay not delivered.
 */
function urlModeDelivered(outcome: Extract<DeliveryOutcome, { mode: 'urls' }>): Pick<DeliveryBatch, 'delivered' | 'skipped'> {
  const requested = new Set(outcome.sourceFileUrls);
  const reasons = new Map<string, string | null>();
  for (const item of outcome.skipped) {
    if (item.sourceFileUrl !== undefined && requested.has(item.sourceFileUrl)) reasons.set(item.sourceFileUrl, item.reason ?? null);
  }
  const skipped = [...reasons].map(([sourceFileUrl, reason]) => ({ sourceFileUrl, reason }));
  const exported = outcome.sourceFileUrls.filter((url) => !reasons.has(url));
  if (exported.length === outcome.exportedUrls.length) {
    return { delivered: exported.map((sourceFileUrl, i) => ({ sourceFileUrl, file: outcome.exportedUrls[i]!, how: 'urls' as const })), skipped };
  }
  const listed = new Set(outcome.exportedUrls);
  return { delivered: exported.filter((url) => listed.has(url)).map((sourceFileUrl) => ({ sourceFileUrl, file: sourceFileUrl, how: 'urls' as const })), skipped };
}

/**
 * What a finished job of the window delivered, or null when it has nothing to say: a job still
 * running, a URL-mode job that failed (its answer never came), a zip job that saved no part.
 * A check never gets here (it is not recorded), nor does a files job.
 */
export function jobOutcome(job: DownloadJob, source: { sourceFileUrls: readonly string[]; maxBatchSize: number | null }): DeliveryOutcome | null {
  if (job.state === 'running' || job.check) return null;
  const at = job.finishedAt ?? new Date().toISOString();
  const base = { jobId: job.jobId, at, sourceFileUrls: source.sourceFileUrls };
  const result = job.result;
  if (result?.mode === 'zip' && result.parts.length > 0) return { ...base, mode: 'zip', maxBatchSize: source.maxBatchSize, parts: result.parts };
  if (result?.mode === 'urls' && job.state === 'succeeded') return { ...base, mode: 'urls', exportedUrls: result.exportedUrls, skipped: result.skipped };
  return null;
}
