import { AppErrorException } from '../../app-error';
import { statusError } from '../error-mapping';
import { openStream } from '../http-stream';
import type { OpenResponse } from '../http-stream';
import { sameOrigin } from '../key-policy';
import { toAppError } from '../to-app-error';
import type { FastBatchRequest } from './open-fast-batch';

/** A redirect the fast path received and does not follow. */
export interface ReceivedRedirect {
  status: number;
  location: string;
  /** The URL that answered with it. */
  from: URL;
}

/**
 * Follows, on the got path, a redirect the fast path received, exactly where got would have
 * gone from there, so the request is not sent twice: the Location resolved as got resolves it
 * (its bytes read as UTF-8), a scheme other than http(s) refused as got refuses it, 303 turned
 * into a GET without the body, the key kept only on the base URL's origin (the same rule as
 * got's beforeRedirect hook in http-stream.ts), and any further redirect left to got. A 401
 * from another origin says the key was refused, as it says when got drops the key itself.
 */
export async function continueAfterRedirect(request: FastBatchRequest, redirect: ReceivedRedirect): Promise<OpenResponse> {
  let target: URL;
  try {
    target = new URL(Buffer.from(redirect.location, 'latin1').toString(), redirect.from);
  } catch (error) {
    throw toAppError(error);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw toAppError(Object.assign(new Error(`Unsupported protocol: ${target.protocol}`), { code: 'ERR_UNSUPPORTED_PROTOCOL' }));
  }
  const keyKept = request.apiKey !== null && sameOrigin(target.href, redirect.from.href);
  const asGet = redirect.status === 303;
  try {
    return await openStream({
      url: target,
      method: asGet ? 'GET' : 'POST',
      ...(asGet ? {} : { json: { items: request.sourceFileUrls.map((sourceFileUrl) => ({ sourceFileUrl })) } }),
      headers: { accept: 'application/zip, */*', 'accept-encoding': 'identity' },
      apiKey: keyKept ? request.apiKey : null,
      peer: 'backend',
      decompress: false,
      signal: request.signal,
      timeouts: request.timeouts,
      retry: request.retry,
      network: request.network,
    });
  } catch (error) {
    const refused = error instanceof AppErrorException ? error.appError : null;
    if (request.apiKey !== null && !keyKept && refused?.status === 401 && refused.noKey) throw statusError(401, refused.backendMessage, null, 'sent');
    throw error;
  }
}
