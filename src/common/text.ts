// A surrogate half without its partner: no UTF-8 encoding exists for it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL cannot store `text`, as a phrase for an error message ("the NUL character
 * (U+0000)", "a lone UTF-16 surrogate (U+D800)"), or null when it can. Text enters through
 * GraphQL variables and literals and through imports; each entry point asks this.
 */
export function unstorableCharacter(text: string): string | null {
  if (text.includes('\u0000')) return 'the NUL character (U+0000)';
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return `a lone UTF-16 surrogate (U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}) that is half of a character`;
  return null;
}
