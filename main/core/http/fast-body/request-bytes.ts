/** What the fast path sends: the batch POST, as the got path sends it. */
export interface BatchPost {
  url: URL;
  /** The JSON body. */
  body: Buffer;
  /** Headers besides Host, Content-Length and Connection (the key among them, for its origin only). */
  headers: Record<string, string>;
  /** Through a plain-http proxy: the absolute URL as the target (RFC 9112 §3.2.2), and the proxy's login. */
  forwardProxy: { authorization: string | null } | null;
}

/** got's own User-Agent: a backend sees the same client on either path. */
export const GOT_USER_AGENT = 'got (https://github.com/sindresorhus/got)';

/**
 * The request's bytes, head and body in one buffer (one write). Every value comes from the
 * app (the key already checked as a header value by checkedApiKey); `Connection: close`,
 * because this connection serves one exchange and the body must end with it or its framing.
 */
export function requestBytes(post: BatchPost): Buffer {
  const target = post.forwardProxy ? `${post.url.origin}${post.url.pathname}${post.url.search}` : `${post.url.pathname}${post.url.search}`;
  const lines = [`POST ${target} HTTP/1.1`, `user-agent: ${GOT_USER_AGENT}`];
  for (const [name, value] of Object.entries(post.headers)) lines.push(`${name}: ${value}`);
  if (post.forwardProxy?.authorization) lines.push(`proxy-authorization: ${post.forwardProxy.authorization}`);
  lines.push(`content-length: ${post.body.length}`, `host: ${post.url.host}`, 'connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), post.body]);
}
