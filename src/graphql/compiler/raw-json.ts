/**
 * JSON text built elsewhere (by PostgreSQL) that goes into the response as it is. Anything that
 * serialises it the ordinary way (`JSON.stringify`, e.g. the response cache) gets the parsed value
 * through `toJSON`; the server's own serialiser ({@link stringifyResult}) splices the text.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * Apollo's `stringifyResult`: like its default (`JSON.stringify` plus a newline, fields in the
 * order errors, data, extensions), but a {@link RawJson} `data` is written as its text, unparsed.
 */
export function stringifyResult(value: { errors?: unknown; data?: unknown; extensions?: unknown }): string {
  if (!(value.data instanceof RawJson)) return JSON.stringify(value) + '\n';
  let out = '{';
  if (value.errors !== undefined) out += `"errors":${JSON.stringify(value.errors)},`;
  out += `"data":${value.data.text}`;
  if (value.extensions !== undefined) out += `,"extensions":${JSON.stringify(value.extensions)}`;
  return out + '}\n';
}
