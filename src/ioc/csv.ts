/** One CSV cell: text, a number, or empty. */
export type CsvCell = string | number | null | undefined;

/** A table as CSV: a header row, then one row per item. */
export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // A spreadsheet runs a cell starting with = + - @ as a formula: an officer's question must stay text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table as CSV (RFC 4180: comma-separated, CRLF, quoted where needed), with a byte-order mark so spreadsheet
 * programs read the Vietnamese text as UTF-8. Numbers are written as the log holds them.
 */
export function toCsv({ header, rows }: CsvTable): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
