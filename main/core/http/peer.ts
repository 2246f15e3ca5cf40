/**
 * Who answers a request, so that an error blames the right server. The profile's backend
 * answers the batch route; URL mode's "download each" then GETs the URLs it handed out from
 * whatever host serves them (a CDN, a bucket), where "check the base URL" would send a person
 * looking in the wrong place.
 */
export type Peer = 'backend' | 'file-host';

/** The server in a sentence: "the backend", "the file host". */
export function peerName(peer: Peer): string {
  return peer === 'backend' ? 'the backend' : 'the file host';
}

/** The server at the start of a sentence: "The backend", "The file host". */
export function capitalPeerName(peer: Peer): string {
  const name = peerName(peer);
  return name.charAt(0).toUpperCase() + name.slice(1);
}
