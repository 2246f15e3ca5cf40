import { extname } from 'node:path';

/**
 * File types that run code when opened with their default app: programs, installers, scripts,
 * shortcuts and script-bearing documents on Windows, macOS and Linux. An entry of one of these
 * types is shown in its folder instead of opened, so opening something from a downloaded zip
 * never runs it.
 */
const EXECUTABLE_EXTENSIONS = new Set([
  // Windows programs, installers and scripts
  'exe', 'com', 'scr', 'pif', 'msi', 'msp', 'msix', 'appx', 'appxbundle', 'bat', 'cmd', 'ps1', 'psm1', 'psd1', 'ps1xml',
  'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'wsc', 'hta', 'cpl', 'msc', 'lnk', 'url', 'scf', 'reg', 'inf', 'chm', 'gadget',
  'application', 'appref-ms', 'jar', 'jnlp', 'library-ms', 'settingcontent-ms', 'ws', 'dll', 'sys', 'ocx', 'iso', 'img', 'vhd', 'vhdx',
  // macOS programs, installers and scripts
  'app', 'command', 'tool', 'pkg', 'mpkg', 'dmg', 'scpt', 'scptd', 'applescript', 'workflow', 'terminal', 'webloc', 'inetloc', 'fileloc',
  // Linux and cross-platform
  'sh', 'bash', 'zsh', 'csh', 'ksh', 'fish', 'run', 'bin', 'out', 'elf', 'appimage', 'desktop', 'deb', 'rpm', 'snap', 'flatpakref',
  'py', 'pyw', 'pyc', 'pl', 'rb', 'php', 'lua', 'tcl', 'mjs', 'cjs',
  // Documents that carry macros
  'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm',
]);

/** The extension (lower case, without the dot) when `name` is a type that runs code, else null. */
export function executableType(name: string): string | null {
  // Trailing dots and spaces are dropped by Windows when it opens a file: `x.exe.` runs as x.exe.
  const extension = extname(name.replace(/[. ]+$/, '')).slice(1).toLowerCase();
  return EXECUTABLE_EXTENSIONS.has(extension) ? extension : null;
}
