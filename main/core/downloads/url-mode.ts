import type { DownloadJob, DownloadResult } from '../../../shared/api/downloads';
import type { Timeouts } from '../http/http-stream';
import type { RetryOptions } from '../http/retry';
import type { DownloadSource } from './download-ports';
import type { JobRegistry } from './job-registry';
import type { Network } from '../http/network/network';
import { requestExportUrlsInBatches } from './url-batches';

/** URL mode (and a check): the backend's lists of exported URLs, one request per batch when the maximum batch size splits it. */
export async function runUrlMode(
  deps: { jobs: JobRegistry; timeouts?: Partial<Timeouts>; retry?: Partial<RetryOptions>; network?: Network },
  job: DownloadJob,
  source: DownloadSource,
  signal: AbortSignal,
): Promise<DownloadResult> {
  const onBatch = (batch: number, batches: number) => deps.jobs.progress(job, { bytes: 0, total: null, bytesPerSecond: 0, etaSeconds: null, batch, batches });
  const request = { baseUrl: source.baseUrl, apiKey: source.apiKey, sourceFileUrls: source.sourceFileUrls, timeouts: deps.timeouts, retry: deps.retry, network: deps.network, signal };
  return { mode: 'urls', ...(await requestExportUrlsInBatches(request, source.maxBatchSize, onBatch)) };
}
