import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common/paths';
import { printAppSchema } from '../graphql/schema';
import { runCommand } from './runner';

/** `npm run schema`: writes schema/schema.graphql from the code. */
runCommand({
  name: 'schema',
  summary: 'Writes schema/schema.graphql (the SDL) from the code; a test fails when the committed file drifts.',
  flags: {},
  examples: ['npm run schema'],
  run() {
    const file = path.join(projectRoot(), 'schema', 'schema.graphql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, printAppSchema());
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  },
});
