/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), plus tab and CR. */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 cell: text that a spreadsheet would run as a formula gets a leading `'`; cells holding a
 * comma, quote or line break are quoted with inner quotes doubled. Numbers pass through; absent is empty.
 *
 * @example csvCell('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A whole CSV document with a header row and CRLF line ends, as RFC 4180 specifies.
 *
 * @example toCsv(['key', 'csat'], [['PACS-1', 5]]) // 'key,csat\r\nPACS-1,5\r\n'
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
