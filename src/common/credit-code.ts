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

/**
 * Province-level division codes of GB/T 2260 (the first two digits of characters 3-8): every
 * real registration is issued by an authority in one of these, or by a national one (10).
 */
const PROVINCES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * The division code sample and synthetic records use: 000000 names no division in GB/T 2260
 * (there is no province 00), so no registration can carry it, while the code still passes the
 * GB 32100 check character and exercises every validator.
 */
export const SAMPLE_DIVISION_CODE = '000000';

/**
 * Whether a code could belong to a real registration: valid, with a division code (characters
 * 3-8) under a province that exists. Sample codes (division 000000) never can.
 */
export function couldBeRealRegistration(code: string): boolean {
  return isValidCreditCode(code) && code.slice(2, 8) !== SAMPLE_DIVISION_CODE && PROVINCES.has(code.slice(2, 4));
}

/** Whether a code follows the sample rule: valid check character, division code 000000. */
export function isSampleCreditCode(code: string): boolean {
  return isValidCreditCode(code) && code.slice(2, 8) === SAMPLE_DIVISION_CODE;
}

/**
 * The sample form of a code: its registration authority, category and organisation code kept,
 * its division code replaced by 000000, and its check character recomputed.
 */
export function sampleCreditCode(code: string): string {
  const first17 = `${code.slice(0, 2)}${SAMPLE_DIVISION_CODE}${code.slice(8, 17)}`;
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new RangeError(`not a credit code: ${code}`);
  return first17 + check;
}
