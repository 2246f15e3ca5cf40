/** The Electron executable, or null when its binary has not been downloaded. */
export function electronBinary(): string | null;
