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

// One formatter for every row: `toLocaleString()` builds a new one per call, which a table of a
// hundred rows pays for on every filter keystroke.
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** An ISO date-time in the user's locale, e.g. "11/30/26, 12:04:31 AM". */
export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'short' });
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * An ISO date-time's date and time apart, each in the user's locale ("11/30/26", "12:04:31 AM"):
 * for a narrow cell that puts them on two lines, never breaking inside the time.
 */
export function formatDateAndTime(iso: string): { date: string; time: string } {
  const when = new Date(iso);
  return { date: DATE.format(when), time: TIME.format(when) };
}
