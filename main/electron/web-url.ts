/** Whether `url` is an absolute http(s) URL: the only kind the app hands to the browser (`shell.openExternal`). */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
