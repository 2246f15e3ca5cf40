/** What `npm start` and `npm run dev` say, in one line, where the binary cannot be had. */
export const MISSING_ELECTRON_MESSAGE: string;
/** The Electron executable, or null when its binary has not been downloaded. */
export function electronBinary(): string | null;
