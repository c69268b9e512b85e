import {
  couldBeRealRegistration,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isSampleCreditCode,
  isValidCreditCode,
  normalizeCreditCode,
  sampleCreditCode,
} from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published valid codes', () => {
    expect(isValidCreditCode('91370000728611939A')).toBe(true);
    expect(isValidCreditCode('91100000000013477B')).toBe(true);
  });

  it('computes the check character by hand for a known code', () => {
    // For 91100000000013477: 9·1 + 1·3 + 1·9 + 1·8 + 3·24 + 4·10 + 7·30 + 7·28 = 547;
    // 547 mod 31 = 20; (31 − 20) mod 31 = 11, and the 12th symbol of the alphabet is 'B'.
    expect(creditCodeCheckCharacter('91100000000013477')).toBe('B');
    expect(creditCodeCheckCharacter('91370000728611939')).toBe('A');
  });

  it('names what is wrong', () => {
    expect(creditCodeProblem('91370000728611939')).toBe('LENGTH');
    expect(creditCodeProblem('91370000728611939AB')).toBe('LENGTH');
    expect(creditCodeProblem('9137000072861193IA')).toBe('CHARACTERS'); // I is not in the alphabet
    expect(creditCodeProblem('91370000728611939B')).toBe('CHECK_CHARACTER');
    expect(creditCodeProblem('91370000728611939A')).toBeNull();
  });

  it('detects any single changed character', () => {
    const valid = '91370000728611939A';
    for (let i = 0; i < 17; i++) {
      const changed = valid.slice(0, i) + (valid[i] === '1' ? '2' : '1') + valid.slice(i + 1);
      expect(isValidCreditCode(changed)).toBe(false);
    }
  });

  it('normalises what people type', () => {
    expect(normalizeCreditCode(' 91370000728611939a ')).toBe('91370000728611939A');
  });
});

describe('the sample credit-code rule', () => {
  it('keeps the check character valid but names no real division', () => {
    const sample = sampleCreditCode('91370000728611939A');
    expect(sample).toMatch(/^91000000728611939.$/);
    expect(isValidCreditCode(sample)).toBe(true);
    expect(isSampleCreditCode(sample)).toBe(true);
    expect(couldBeRealRegistration(sample)).toBe(false);
  });

  it('real codes could be real and are not sample codes', () => {
    for (const real of ['91370000728611939A', '91100000000013477B']) {
      expect(couldBeRealRegistration(real)).toBe(true);
      expect(isSampleCreditCode(real)).toBe(false);
    }
  });

  it('a code under a province that does not exist cannot be real, a broken one is neither', () => {
    const noProvince = `9199000072861193${'9'}`;
    expect(couldBeRealRegistration(noProvince + creditCodeCheckCharacter(noProvince))).toBe(false);
    expect(isSampleCreditCode('91000000728611939A')).toBe(false); // wrong check character
  });
});
