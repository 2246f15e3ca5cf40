import type { DetailedPeerCertificate } from 'node:tls';

/** What an error says about a certificate that was not accepted. */
export interface CertificateNames {
  /** Whom it was issued to (its subject's common name, else organization). */
  subject: string | null;
  /** Who issued it: the authority a person would have to trust. */
  issuer: string | null;
  /** Its expiry, as the certificate states it. */
  validTo: string | null;
  /** Issued by itself (no authority at all). */
  selfSigned: boolean;
}

type NameFields = Record<string, string | string[] | undefined>;

/** A distinguished name in a few words: `Common Name (Organization)`, or whichever of the two it has. */
function shortName(fields: NameFields | undefined): string | null {
  if (!fields) return null;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || null;
  const common = first(fields.CN);
  const organization = first(fields.O);
  if (common && organization && organization !== common) return `${common} (${organization})`;
  return common ?? organization ?? first(fields.OU);
}

/**
 * The names of a certificate the server sent, as a person can look them up: its issuer (the
 * certificate authority to add, or to ask IT about), its subject and expiry.
 */
export function certificateNames(certificate: DetailedPeerCertificate | Record<string, never>): CertificateNames {
  if (!('subject' in certificate) || !certificate.subject) return { subject: null, issuer: null, validTo: null, selfSigned: false };
  const subject = shortName(certificate.subject as unknown as NameFields);
  const issuer = shortName(certificate.issuer as unknown as NameFields);
  const selfSigned = certificate.issuerCertificate === certificate || JSON.stringify(certificate.subject) === JSON.stringify(certificate.issuer);
  return { subject, issuer, validTo: certificate.valid_to ?? null, selfSigned };
}
