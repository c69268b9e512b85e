/**
 * Finds the rows of a JSON import as its text streams in: a top-level array of objects, or an
 * object whose `rows` member is one. Only one row's text is held at a time; each row is checked by
 * JSON.parse, and the text around the rows by the scanner itself (the other members of the outer
 * object are parsed and dropped), so a file is accepted exactly when JSON.parse would accept it
 * and its shape is right. Errors are thrown as `JsonRowsError` with `kind` 'syntax' or 'shape'.
 */
export class JsonRowsError extends Error {
  constructor(readonly kind: 'syntax' | 'shape') {
    super(kind === 'syntax' ? 'not valid JSON' : 'not an array of objects');
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

type State =
  /** Before the outer value. */
  | 'start'
  /** Inside the outer object: before a member's key, or after a comma. */
  | 'key'
  /** After a key: expecting ':'. */
  | 'colon'
  /** After ':': expecting the member's value. */
  | 'member-value'
  /** Inside a value being captured (a row, or another member's value). */
  | 'value'
  /** Inside the rows array, before an element or after a comma. */
  | 'element'
  /** After an element: expecting ',' or ']'. */
  | 'after-element'
  /** After a member's value: expecting ',' or '}'. */
  | 'after-member'
  /** After the outer value: only whitespace may follow. */
  | 'end';

export class JsonRowScanner {
  private state: State = 'start';
  private outer: 'array' | 'object' | null = null;
  private sawRows = false;
  private first = true;
  private justOpened = false;
  /** Text of the value being captured, across chunks. */
  private pieces: string[] = [];
  private capturing: 'row' | 'member' | 'key' | null = null;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private key: string | null = null;

  constructor(private readonly onRow: (row: Record<string, unknown>) => void) {}

  write(text: string): void {
    if (this.first) {
      text = text.replace(/^\uFEFF/, '');
      this.first = false;
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.capturing) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === '\\') this.escaped = true;
          else if (c === '"') {
            this.inString = false;
            if (this.capturing === 'key') {
              this.pieces.push(text.slice(start, i + 1));
              this.finishKey();
            }
          }
          continue;
        }
        if (c === '"') this.inString = true;
        else if (c === '{' || c === '[') this.depth++;
        else if (c === '}' || c === ']') {
          if (this.depth === 0) {
            // The container around the value closes: a scalar value ends here.
            this.pieces.push(text.slice(start, i));
            this.finishValue();
            i--;
            continue;
          }
          this.depth--;
          if (this.depth === 0 && this.capturing === 'row') {
            this.pieces.push(text.slice(start, i + 1));
            this.finishValue();
          }
        } else if (c === ',' && this.depth === 0) {
          this.pieces.push(text.slice(start, i));
          this.finishValue();
          i--;
        }
        continue;
      }
      if (WHITESPACE.has(c)) continue;
      switch (this.state) {
        case 'start':
          if (c === '[') {
            this.outer = 'array';
            this.sawRows = true;
            this.state = 'element';
            this.justOpened = true;
          } else if (c === '{') {
            this.outer = 'object';
            this.state = 'key';
            this.justOpened = true;
          } else throw new JsonRowsError(/[-0-9"tfn]/.test(c) ? 'shape' : 'syntax');
          break;
        case 'key':
          if (c === '}' && this.justOpened) this.closeOuter();
          else if (c === '"') {
            this.capture('key');
            this.inString = true;
            start = i;
          } else throw new JsonRowsError('syntax');
          this.justOpened = false;
          break;
        case 'colon':
          if (c !== ':') throw new JsonRowsError('syntax');
          this.state = 'member-value';
          break;
        case 'member-value':
          if (this.key === 'rows') {
            if (c !== '[') throw new JsonRowsError('shape');
            this.sawRows = true;
            this.state = 'element';
            this.justOpened = true;
          } else {
            this.capture('member');
            start = i;
            i--;
          }
          break;
        case 'element':
          if (c === ']' && this.justOpened) {
            this.closeRows();
          } else if (c === '{') {
            this.capture('row');
            start = i;
            i--;
          } else if (c === ']' || c === ',') {
            throw new JsonRowsError('syntax');
          } else throw new JsonRowsError('shape');
          this.justOpened = false;
          break;
        case 'after-element':
          if (c === ',') this.state = 'element';
          else if (c === ']') this.closeRows();
          else throw new JsonRowsError('syntax');
          break;
        case 'after-member':
          if (c === ',') this.state = 'key';
          else if (c === '}') this.closeOuter();
          else throw new JsonRowsError('syntax');
          break;
        case 'end':
          throw new JsonRowsError('syntax');
      }
    }
    if (this.capturing) this.pieces.push(text.slice(start));
  }

  /** Call at the end of the text: fails when it stopped in the middle, or held no rows array. */
  end(): void {
    if (this.capturing || this.state !== 'end') throw new JsonRowsError('syntax');
    if (!this.sawRows) throw new JsonRowsError('shape');
  }

  private capture(kind: 'row' | 'member' | 'key'): void {
    this.capturing = kind;
    this.pieces = [];
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }

  private finishKey(): void {
    this.key = JSON.parse(this.pieces.join('')) as string;
    this.pieces = [];
    this.capturing = null;
    this.state = 'colon';
  }

  private finishValue(): void {
    const text = this.pieces.join('');
    const kind = this.capturing;
    this.pieces = [];
    this.capturing = null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new JsonRowsError('syntax');
    }
    if (kind === 'row') {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new JsonRowsError('shape');
      this.onRow(value as Record<string, unknown>);
      this.state = 'after-element';
    } else {
      this.state = 'after-member';
    }
  }

  private closeRows(): void {
    this.state = this.outer === 'array' ? 'end' : 'after-member';
  }

  private closeOuter(): void {
    this.state = 'end';
  }
}
