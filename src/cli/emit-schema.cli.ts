import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { projectRoot } from '../common/paths';
import { printAppSchema } from '../graphql/schema';

/** `npm run schema`: writes schema/schema.graphql from the code. */
const file = path.join(projectRoot(), 'schema', 'schema.graphql');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, printAppSchema());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
