/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol
 * alphabet; the last is a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'LENGTH' | 'CHARACTERS' | 'CHECK_CHARACTER';

/** Why a code is invalid, or null when it is valid. Expects a trimmed, upper-cased code. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'LENGTH';
  if (!SHAPE.test(code)) return 'CHARACTERS';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'CHECK_CHARACTER';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Trims and upper-cases what a person typed or a spreadsheet exported. */
export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}
