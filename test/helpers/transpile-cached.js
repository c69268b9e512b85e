'use strict';
/*
 * Loads the project's TypeScript in the global setup's seeding child (test/helpers/seed-template.ts)
 * as ts-node's transpile-only mode does (TypeScript's transpileModule with tsconfig.json's options),
 * but keeps each output in node_modules/.cache, keyed by the file's path and text, the TypeScript
 * version and the options. ts-node transpiles the whole server on every run: about 13 s of the
 * seeding's 18 s of CPU on a 2-core machine. Plain JavaScript: it runs before any TypeScript loads.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.join(__dirname, '../..');
const cacheDir = path.join(root, 'node_modules/.cache/qingdao-directory-transpiled');
const configFile = path.join(root, 'tsconfig.json');
const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: true, inlineSources: false, incremental: false, tsBuildInfoFile: undefined };
const salt = `${ts.version}\0${JSON.stringify(compilerOptions)}`;

fs.mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(`${salt}\0${filename}\0${source}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
    // Written under a temporary name and renamed, so a concurrent run never reads half a file.
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, output);
    fs.renameSync(temporary, cached);
  }
  module._compile(output, filename);
};
