/** What sandboxProblem reads of the machine. */
export interface SandboxProbe {
  platform: string;
  uid: number;
  readSysctl(path: string): string | null;
  statHelper(path: string): { uid: number; mode: number } | null;
}
/** The one-line explanation of why Electron's sandbox cannot start here, or null when it can. */
export function sandboxProblem(binary: string, probe?: SandboxProbe): string | null;
