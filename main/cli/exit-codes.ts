/** Exit codes of the export-manager command. */
export const EXIT = {
  ok: 0,
  /** Any failure of the work itself (network, HTTP status, disk, archive, keychain…). */
  failure: 1,
  /** The command line itself is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** `extract` finished, but refused some entries. */
  refused: 3,
  /** Ended by Ctrl-C (SIGINT) or SIGTERM: the shell's 128 + the signal's number. */
  interrupted: 130,
  terminated: 143,
} as const;
