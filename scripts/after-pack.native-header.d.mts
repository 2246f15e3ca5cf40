/** What a native binary's header says it was built for. */
export interface NativeHeader {
  format: 'ELF' | 'PE' | 'Mach-O';
  platform: 'linux' | 'win32' | 'darwin';
  /** One for a thin binary, one per slice for a universal Mach-O: `x64`, `arm64`, `ia32`, `armv7l` or `unknown(0x…)`. */
  arches: string[];
}

/** The format, platform and architectures of the binary at `path`; null when it is none of ELF, PE or Mach-O. */
export function readNativeHeader(path: string): Promise<NativeHeader | null>;
