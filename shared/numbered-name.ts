/** `name (n).ext` for the n-th copy of a file name (the extension stays last; a leading dot is no extension). */
export function numberedName(fileName: string, n: number): string {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return `${fileName} (${n})`;
  return `${fileName.slice(0, dot)} (${n})${fileName.slice(dot)}`;
}
