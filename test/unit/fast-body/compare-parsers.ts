/** The one verdict the differential tests hold both parsers to. */
import { expect } from 'vitest';
import { fastParse } from './fast-parser-outcome';
import type { FastOutcome } from './fast-parser-outcome';
import { nodeParse } from './node-parser-oracle';
import type { NodeOutcome } from './node-parser-oracle';

/** How the two parsers agreed on one stream. */
export type Agreement = 'both-accept' | 'both-refuse' | 'fast-stricter';

/**
 * Feeds the same chunks to Node's parser and the fast one (see below for the reads after the end). They must agree on the status, the
 * raw fields, Node's merged `headers`, the trailers and the body bytes, or both refuse. The
 * only disagreement allowed is a refusal the fast parser marks as deliberately stricter (a
 * transfer coding, version or status it does not serve: the got path, on Node's parser,
 * serves those), never the other way round: what Node refuses, the fast parser refuses too.
 */
export async function compareParsers(chunks: readonly Buffer[], label: string): Promise<{ agreement: Agreement; node: NodeOutcome; fast: FastOutcome }> {
  const fast = fastParse(chunks);
  // Whether Node's client still parses a read that comes after the response ended depends on
  // timing (its parser is freed soon after): both get the reads up to the one that completed
  // the response, where the fast parser stopped (what follows it in that read counts for both).
  const node = await nodeParse(fast.ok ? chunks.slice(0, fast.chunksRead) : chunks);
  const where = `${label} (${chunks.length} chunks: ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))})`;
  if (node.ok && fast.ok) {
    expect({ status: fast.status, rawHeaders: fast.rawHeaders, headers: fast.headers, trailers: fast.trailers }, where).toEqual({
      status: node.status, rawHeaders: node.rawHeaders, headers: { ...node.headers }, trailers: node.trailers,
    });
    expect(fast.body.equals(node.body), `${where}: body bytes`).toBe(true);
    return { agreement: 'both-accept', node, fast };
  }
  if (!node.ok) {
    expect(fast.ok, `${where}: Node refuses (${node.code}), the fast parser must too`).toBe(false);
    return { agreement: 'both-refuse', node, fast };
  }
  const refusal = fast as Extract<FastOutcome, { ok: false }>;
  expect(refusal.stricter, `${where}: Node accepts, the fast parser refuses (${refusal.code} ${refusal.message}) without marking it stricter`).toBe(true);
  return { agreement: 'fast-stricter', node, fast };
}

/** Every way of cutting `bytes` in two, and the one of all single bytes. */
export function everySplit(bytes: Buffer): Buffer[][] {
  const splits: Buffer[][] = [];
  for (let at = 0; at <= bytes.length; at++) splits.push([bytes.subarray(0, at), bytes.subarray(at)].filter((part) => part.length > 0));
  splits.push([...bytes].map((byte) => Buffer.from([byte])));
  return splits;
}
