/** A skipped item of URL mode, normalised for display (the contract leaves its shape open). */
export interface SkippedItem {
  /** The item's `sourceFileUrl`, when the backend said which one. */
  sourceFileUrl?: string;
  /** Why it was skipped: the backend's `reason` or `message`, when it gave one. */
  reason?: string;
  /** The element exactly as received, as JSON text. */
  raw: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Normalises one `skipped` element: strings are taken as the skipped `sourceFileUrl`, objects are read by field. */
export function normaliseSkipped(value: unknown): SkippedItem {
  const raw = JSON.stringify(value) ?? String(value);
  if (typeof value === 'string') return { sourceFileUrl: value, raw };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { raw };
  const record = value as Record<string, unknown>;
  const item: SkippedItem = { raw };
  const url = text(record.sourceFileUrl) ?? text(record.url);
  const reason = text(record.reason) ?? text(record.message) ?? text(record.error);
  if (url !== undefined) item.sourceFileUrl = url;
  if (reason !== undefined) item.reason = reason;
  return item;
}
