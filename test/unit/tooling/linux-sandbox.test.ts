import { describe, expect, it } from 'vitest';
import { sandboxProblem } from '../../../scripts/linux-sandbox.mjs';
import type { SandboxProbe } from '../../../scripts/linux-sandbox.mjs';

const binary = '/home/dev/export-manager/node_modules/electron/dist/electron';
const helper = '/home/dev/export-manager/node_modules/electron/dist/chrome-sandbox';

/** A machine as `npm start` would read it. */
function machine(overrides: Partial<SandboxProbe> & { sysctls?: Record<string, string> } = {}): SandboxProbe {
  const sysctls = overrides.sysctls ?? {};
  return {
    platform: 'linux',
    uid: 1000,
    readSysctl: (path) => sysctls[path] ?? null,
    statHelper: () => ({ uid: 1000, mode: 0o100755 }),
    ...overrides,
  };
}

describe('sandboxProblem', () => {
  it('says nothing where user namespaces are free, on other systems, and for root (started with --no-sandbox)', () => {
    expect(sandboxProblem(binary, machine())).toBeNull();
    expect(sandboxProblem(binary, machine({ sysctls: { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '0' } }))).toBeNull();
    const restricted = { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1' };
    expect(sandboxProblem(binary, machine({ platform: 'darwin', sysctls: restricted }))).toBeNull();
    expect(sandboxProblem(binary, machine({ uid: 0, sysctls: restricted }))).toBeNull();
  });

  it('explains Ubuntu’s AppArmor restriction in one line with both ways out', () => {
    const problem = sandboxProblem(binary, machine({ sysctls: { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1' } }));
    expect(problem).not.toBeNull();
    expect(problem).not.toContain('\n');
    expect(problem).toContain('kernel.apparmor_restrict_unprivileged_userns=1');
    expect(problem).toContain(`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`);
    expect(problem).toContain('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
  });

  it('also knows the older Debian switch', () => {
    const problem = sandboxProblem(binary, machine({ sysctls: { '/proc/sys/kernel/unprivileged_userns_clone': '0' } }));
    expect(problem).toContain('sudo sysctl -w kernel.unprivileged_userns_clone=1');
  });

  it('is satisfied by a root-owned setuid helper, which Chromium falls back to', () => {
    const restricted = { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1' };
    expect(sandboxProblem(binary, machine({ sysctls: restricted, statHelper: () => ({ uid: 0, mode: 0o104755 }) }))).toBeNull();
    // Setuid but not root's, or root's without the bit: still refused.
    expect(sandboxProblem(binary, machine({ sysctls: restricted, statHelper: () => ({ uid: 1000, mode: 0o104755 }) }))).not.toBeNull();
    expect(sandboxProblem(binary, machine({ sysctls: restricted, statHelper: () => ({ uid: 0, mode: 0o100755 }) }))).not.toBeNull();
  });
});
