/** Exit codes of the export-manager command. */
export const EXIT = {
  ok: 0,
  /**
   * Any failure of the work itself, whatever its kind: the backend's answer, the network, disk,
   * archive, keychain, a value that cannot be used (`validation`, e.g. a profile name that no
   * profile has), a wrong state (`state`) and a fault of Export Manager's own (`internal`). The
   * JSON's `error.kind` tells them apart.
   */
  failure: 1,
  /** The command line itself is wrong: unknown command or option, missing argument (printed as `validation`). */
  usage: 2,
  /** `extract` finished, but refused some entries. */
  refused: 3,
  /** `download` saved its zip, but it holds fewer entries than exports were requested (the backend skipped some). */
  partial: 4,
  /** Ended by Ctrl-C (SIGINT) or SIGTERM: the shell's 128 + the signal's number. */
  interrupted: 130,
  terminated: 143,
} as const;
