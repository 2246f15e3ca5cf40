// Why Electron's Chromium sandbox would abort at start on this Linux machine, told in one line
// instead of a crash. The sandbox needs unprivileged user namespaces, or a setuid-root
// `chrome-sandbox` helper beside the binary when they are restricted, as Ubuntu 23.10+ does
// through AppArmor (kernel.apparmor_restrict_unprivileged_userns=1) and older Debian kernels did
// with kernel.unprivileged_userns_clone=0. The .deb installs an AppArmor profile for the app;
// a checkout and an AppImage have none.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The sysctls that restrict unprivileged user namespaces, with the value that restricts. */
const RESTRICTIONS = [
  { path: '/proc/sys/kernel/apparmor_restrict_unprivileged_userns', restricted: '1', name: 'kernel.apparmor_restrict_unprivileged_userns', allow: '0' },
  { path: '/proc/sys/kernel/unprivileged_userns_clone', restricted: '0', name: 'kernel.unprivileged_userns_clone', allow: '1' },
];

/** Reads a sysctl's value, or null where it does not exist. */
function readSysctl(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The setuid helper's owner and mode, or null where it is missing. */
function statHelper(path) {
  try {
    const stats = statSync(path);
    return { uid: stats.uid, mode: stats.mode };
  } catch {
    return null;
  }
}

/**
 * The one-line explanation of why the sandbox cannot start, or null when it can (or this is not
 * Linux, or the run is root, which starts with --no-sandbox). `probe` is replaceable in tests.
 */
export function sandboxProblem(binary, probe = { platform: process.platform, uid: process.getuid?.() ?? -1, readSysctl, statHelper }) {
  if (probe.platform !== 'linux' || probe.uid === 0) return null;
  const restriction = RESTRICTIONS.find((candidate) => probe.readSysctl(candidate.path) === candidate.restricted);
  if (!restriction) return null;
  const helper = join(dirname(binary), 'chrome-sandbox');
  const stats = probe.statHelper(helper);
  // A root-owned helper with the setuid bit (4755) is what Chromium falls back to.
  if (stats && stats.uid === 0 && (stats.mode & 0o4000) !== 0) return null;
  return (
    `export-manager: Electron's sandbox cannot start here because ${restriction.name}=${restriction.restricted} restricts unprivileged user namespaces (Ubuntu 23.10 and later do this with AppArmor); ` +
    `either run \`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}\` once, or \`sudo sysctl -w ${restriction.name}=${restriction.allow}\` until the next reboot.`
  );
}
