/** Figures as people read them: thousands separators and the right plural, in one place. */

const NUMBER = new Intl.NumberFormat('en-US');

/** 10000 → "10,000". */
export function formatCount(value: number): string {
  return NUMBER.format(value);
}

/** 1, "file" → "1 file"; 10000, "export" → "10,000 exports"; irregular plurals are passed in. */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}
