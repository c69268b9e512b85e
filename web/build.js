#!/usr/bin/env node
/*
 * Builds the browser pages (GraphiQL explorer, coverage heatmap, graph, match, firm and plan views)
 * from the project's own npm packages into dist/public, so the server needs no CDN at run time.
 * The contract operations (schema/operations/*.graphql, the project's own copy of the public
 * contract; CONTRACT_DIR points the build elsewhere) become the explorer's example tabs.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { parse, print, visit } = require('graphql');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist/public');

/** One tab per operation: the operation, the fragments it spreads, and a variables skeleton. */
function contractExamples(dir) {
  if (!fs.existsSync(dir)) {
    throw new Error(`web build: no contract folder at ${dir} (the explorer's examples come from it)`);
  }
  const tabs = [];
  // directory.graphql first: its first operation needs no variables, and GraphiQL fills the
  // variables pane of the opening tab only from its own prop, not from the tab.
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => Number(b === 'directory.graphql') - Number(a === 'directory.graphql') || a.localeCompare(b));
  for (const file of files) {
    const doc = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const fragments = new Map(doc.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
    for (const op of doc.definitions.filter((d) => d.kind === 'OperationDefinition')) {
      const used = new Set();
      const collect = (node) =>
        visit(node, {
          FragmentSpread(s) {
            if (!used.has(s.name.value) && fragments.has(s.name.value)) {
              used.add(s.name.value);
              collect(fragments.get(s.name.value));
            }
          },
        });
      collect(op);
      const query = [op, ...[...used].map((n) => fragments.get(n))].map((d) => print(d)).join('\n\n');
      const variables = {};
      for (const v of op.variableDefinitions ?? []) {
        if (v.defaultValue) continue;
        const required = v.type.kind === 'NonNullType';
        if (required) variables[v.variable.name.value] = v.type.type.kind === 'ListType' ? [] : '';
      }
      tabs.push({
        file,
        name: op.name ? op.name.value : '(anonymous)',
        query: `# ${file}\n${query}\n`,
        variables: Object.keys(variables).length ? JSON.stringify(variables, null, 2) : undefined,
      });
    }
  }
  return tabs;
}

async function main() {
  const contractDir = path.resolve(process.env.CONTRACT_DIR || path.join(root, 'schema/operations'));
  const examples = contractExamples(contractDir);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      explorer: 'web/src/explorer.tsx',
      coverage: 'web/src/coverage.ts',
      graph: 'web/src/graph.ts',
      match: 'web/src/match.ts',
      enterprise: 'web/src/enterprise.ts',
      plan: 'web/src/plan.ts',
      leads: 'web/src/leads.ts',
      prospects: 'web/src/prospects.ts',
      pages: 'web/src/pages.css',
    },
    outdir: path.join(out, 'assets'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
    define: {
      'process.env.NODE_ENV': '"production"',
      __CONTRACT_EXAMPLES__: JSON.stringify(examples),
    },
    logLevel: 'warning',
    legalComments: 'linked',
  });
  // The explorer has its own page; the views share one shell (web/pages/view.html).
  fs.copyFileSync(path.join(__dirname, 'pages', 'explorer.html'), path.join(out, 'explorer.html'));
  const shell = fs.readFileSync(path.join(__dirname, 'pages', 'view.html'), 'utf8');
  const stylesheet = '<link rel="stylesheet" href="/assets/pages.css">';
  const views = {
    coverage: { title: '园区×领域覆盖矩阵 Coverage' },
    enterprise: { title: '企业详情 Firm' },
    match: { title: '招商匹配 Match' },
    plan: { title: '行动计划进展 Action plan' },
    leads: { title: '招商线索 Leads' },
    prospects: { title: '以链招商 Prospects' },
    graph: {
      title: '关系图 Relation graph',
      stylesheet:
        '<!-- The id tells cytoscape its container rule is here, so it injects no inline <style> (strict CSP). -->\n' +
        '<link rel="stylesheet" href="/assets/pages.css" id="__________cytoscape_stylesheet">',
    },
  };
  for (const [name, view] of Object.entries(views)) {
    const html = shell
      .replace('{{title}}', view.title)
      .replace('{{stylesheet}}', view.stylesheet ?? stylesheet)
      .replace('{{name}}', name);
    fs.writeFileSync(path.join(out, `${name}.html`), html);
  }
  // Nothing the pages load may leave the origin: fail the build if a bundle names a remote URL
  // it would fetch (stylesheets, fonts, scripts).
  for (const file of fs.readdirSync(path.join(out, 'assets')).filter((f) => /\.(css|html)$/.test(f))) {
    const text = fs.readFileSync(path.join(out, 'assets', file), 'utf8');
    const remote = text.match(/(?:@import\s+url\(|url\()\s*["']?https?:\/\/[^)"']+/);
    if (remote) throw new Error(`web build: ${file} loads ${remote[0]}; bundle it instead.`);
  }
  console.log(`web build: ${examples.length} contract examples; pages in ${path.relative(root, out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
