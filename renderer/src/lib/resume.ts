import type { DownloadJob } from '../../../shared/api/downloads';

/**
 * The part a failed or cancelled split zip resumes from (its first part not saved), or null when
 * it saved none or all of them: then Retry starts it over. Main checks on disk what it keeps.
 */
export function resumesFromPart(job: DownloadJob): number | null {
  if (job.state === 'running' || job.state === 'succeeded' || job.result?.mode !== 'zip') return null;
  const { parts, partCount } = job.result;
  if (parts.length === 0 || parts.length >= partCount) return null;
  const saved = new Set(parts.map((part) => part.part));
  for (let part = 1; part <= partCount; part++) if (!saved.has(part)) return part;
  return null;
}
