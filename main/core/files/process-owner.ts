import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

// Which machine a process runs on: a data folder or a download folder may be a network share
// other machines use too, where our pid table says nothing about their processes.
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);

/** Whether a process with this pid runs on this machine (EPERM: it does, as another user). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process as the owner of something it leaves on disk while it works: `<host tag>-<pid>`. */
export function thisProcess(): string {
  return `${HOST_TAG}-${process.pid}`;
}

/**
 * Whether the owner `thisProcess()` named has gone: a pid of this machine that no longer runs,
 * or another machine's (an app's data folder is one machine's at a time: copied to a new one,
 * what it journaled there ended with the old one). Anything unreadable has gone too.
 */
export function ownerIsGone(owner: string): boolean {
  const match = /^([0-9a-f]{4})-(\d+)$/.exec(owner);
  if (!match || match[1] !== HOST_TAG) return true;
  return !isAlive(Number(match[2]));
}
