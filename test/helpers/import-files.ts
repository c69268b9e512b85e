import { creditCodeCheckCharacter } from '../../src/common/credit-code';

/** A valid credit code for invented firm number `n` (prefix keeps test files apart). */
export function syntheticCreditCode(n: number, prefix = '9137020'): string {
  const body = `${prefix}${String(n).padStart(17 - prefix.length, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/** A CSV of `count` invented firms with Chinese headers; `bad(line)` may corrupt a line's code. */
export function firmsCsv(count: number, options: { tag: string; prefix?: string; badLine?: number } = { tag: 'T' }): string {
  const lines = ['企业名称,统一社会信用代码,所属园区,重点领域,产业链环节,成立年份'];
  for (let i = 1; i <= count; i++) {
    let code = syntheticCreditCode(i, options.prefix);
    // Line numbers count the header as line 1, so firm i sits on line i + 1.
    if (options.badLine === i + 1) code = `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
    lines.push(`青岛${options.tag}示例企业${i}号有限公司,${code},崂山区人工智能产业园,智慧海洋、工业制造,应用层,2020`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
