// Control characters other than tab, newline and carriage return are not allowed in XML 1.0;
// they never belong in a name, so they are dropped from every format alike.
// eslint-disable-next-line no-control-regex -- these are the control characters XML 1.0 forbids, removed on purpose
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_SPECIAL = /[&<>"\n\r\t]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/** Text safe inside an XML attribute value or element. */
export function xml(text: string): string {
  return text.replace(INVALID_XML, '').replace(XML_SPECIAL, (c) => XML_ESCAPES[c]);
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(INVALID_XML, '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// What a spreadsheet (Excel, LibreOffice, Google Sheets) reads as the start of a formula or of
// a command (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text field for a CSV that may be opened in a spreadsheet: a value starting with `=`, `+`,
 * `-`, `@`, tab or carriage return is neutralised as OWASP recommends, by prefixing a single
 * quote (`'=1+1`) and quoting the field, so the spreadsheet shows it as text and never runs
 * it. The value is otherwise unchanged; the other export formats and the API carry it as stored.
 */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(INVALID_XML, '');
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return csvField(text);
}

/** JSON text without characters some consumers reject. */
export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(INVALID_XML, '') : v));
}
