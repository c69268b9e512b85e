import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const ROOT = path.join(__dirname, '../..');

/** The README and every file of docs/, as paths relative to the project. */
const DOC_FILES = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text with fenced code blocks blanked out (line numbers kept), so that code is not read as prose. */
function prose(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (line.trimStart().startsWith('```')) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    })
    .join('\n');
}

/** GitHub's anchor for a heading: lower case, punctuation and symbols dropped, spaces to hyphens; repeats get -1, -2, ... */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(text).split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const plain = m[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Every link and image target in the prose (not in code), with its line. */
function links(text: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  prose(text)
    .split('\n')
    .forEach((line, i) => {
      const bare = line.replace(/`[^`]*`/g, '');
      for (const m of bare.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ line: i + 1, target: m[1] });
    });
  return out;
}

describe('README and docs', () => {
  const schema = buildSchema(read('schema/schema.graphql'));
  const examples = DOC_FILES.flatMap((file) => {
    const text = read(file);
    return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => ({
      file,
      line: text.slice(0, m.index).split('\n').length + 1,
      text: m[1],
    }));
  });

  it('has a docs file for every reader', () => {
    for (const reader of ['third-party-developers', 'zhaoshang', 'data-staff', 'researchers', 'operators', 'contributors']) {
      expect(DOC_FILES).toContain(`docs/${reader}.md`);
    }
  });

  it('has examples to check: five in the README, and the depth in docs/', () => {
    expect(examples.filter((e) => e.file === 'README.md').length).toBeGreaterThanOrEqual(5);
    expect(examples.length).toBeGreaterThanOrEqual(17);
  });

  it('keeps the README a front door under 20 KB', () => {
    expect(Buffer.byteLength(read('README.md'))).toBeLessThan(20 * 1024);
  });

  it.each(examples.map((e) => [`${e.file}:${e.line}`, e.text]))('the GraphQL example at %s validates against the schema', (_where, text) => {
    expect(validate(schema, parse(text as string)).map((e) => e.message)).toEqual([]);
  });

  it.each(DOC_FILES)('every link in %s leads to a file and heading that exist', (file) => {
    const broken: string[] = [];
    for (const { line, target } of links(read(file))) {
      if (/^(https?|mailto):/.test(target)) continue;
      const [filePart, anchor] = target.split('#') as [string, string | undefined];
      const resolved = filePart ? path.normalize(path.join(path.dirname(file), decodeURIComponent(filePart))) : file;
      if (resolved.startsWith('..') || !fs.existsSync(path.join(ROOT, resolved))) {
        broken.push(`${file}:${line} ${target} (no file ${resolved})`);
        continue;
      }
      if (anchor !== undefined) {
        if (!resolved.endsWith('.md')) {
          broken.push(`${file}:${line} ${target} (an anchor into a file that is not Markdown)`);
        } else if (!headingAnchors(read(resolved)).has(decodeURIComponent(anchor))) {
          broken.push(`${file}:${line} ${target} (no heading #${decodeURIComponent(anchor)} in ${resolved})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(DOC_FILES)('every `npm run` command in %s names a script of package.json', (file) => {
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);
    const named = [...read(file).matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
  });
});

describe('headingAnchors', () => {
  it('follows GitHub: punctuation dropped, Chinese kept, repeats numbered', () => {
    expect([...headingAnchors('# A b\n## 企业详情与"找不到" Firm `x`\n```\n# not a heading\n```\n## A b\n')]).toEqual([
      'a-b',
      '企业详情与找不到-firm-x',
      'a-b-1',
    ]);
  });
});

describe('the command table in docs/operators.md', () => {
  it('lists every npm script (except the prestart hook) with a description', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>).filter((s) => s !== 'prestart');
    const doc = fs.readFileSync('docs/operators.md', 'utf8');
    const section = doc.slice(doc.indexOf('## 命令 Commands'), doc.indexOf('\n## ', doc.indexOf('## 命令 Commands') + 1));
    const rows = new Map([...section.matchAll(/^\| `npm (?:run )?([\w:-]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2].trim()] as const));
    expect(scripts.filter((s) => !rows.get(s))).toEqual([]);
  });
});
