/**
 * npm run bench:notice — what the data notice costs: the contract operation FirmsInParksBySector
 * executed in-process against the same database, alternately on the app schema (notice on) and on
 * a second schema built from the same resolvers without the provenance hooks (notice off), in
 * interleaved rounds so machine load hits both alike. Prints ms per operation and the ratio.
 *
 * Knobs: DATABASE_URL (default the bench's 10k database), NOTICE_ROUNDS (default 20),
 * NOTICE_PER_ROUND (default 10).
 */
import { runBench } from './command';
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execute, GraphQLSchema, OperationDefinitionNode, parse } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from '../src/common/auth';
import { loadConfig } from '../src/common/config';
import { instrumentProvenance } from '../src/graphql/data-notice';
import { resolvers } from '../src/graphql/schema';
import { createContext } from '../src/graphql/context';
import { openDatabase } from '../src/db/database';
import { CONTRACT_DIR } from './paths';
import { scenarioProgress } from './progress';

const URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/bench_10k';
const ROUNDS = Number(process.env.NOTICE_ROUNDS ?? 20);
const PER_ROUND = Number(process.env.NOTICE_PER_ROUND ?? 10);

function contractOperation(name: string) {
  const doc = parse(fs.readFileSync(path.join(CONTRACT_DIR, 'directory.graphql'), 'utf8'));
  const op = doc.definitions.find((d) => (d as OperationDefinitionNode).name?.value === name);
  return { kind: doc.kind, definitions: [op!] } as ReturnType<typeof parse>;
}

async function main(): Promise<void> {
  const db = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: URL }));
  const document = contractOperation('FirmsInParksBySector');
  const variables = { sector: 'SMART_OCEAN', parks: 10, firms: 10 };
  // Both schemas are built the same way; only one gets the provenance hooks.
  const build = (): GraphQLSchema => buildSchemaSync({ resolvers: [...resolvers], validate: false, authChecker, authMode: 'error', emitSchemaFile: false });
  const plain = build();
  const withNotice = build();
  instrumentProvenance(withNotice);
  const time = async (schema: GraphQLSchema): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      const contextValue = await createContext(db);
      const result = await execute({ schema, document, variableValues: variables, contextValue });
      if (result.errors?.length) throw result.errors[0];
      if (schema === withNotice && !contextValue.provenance.notice()) throw new Error('no notice gathered');
    }
    return (performance.now() - started) / PER_ROUND;
  };
  await time(withNotice);
  await time(plain);
  const on: number[] = [];
  const off: number[] = [];
  const progress = scenarioProgress('bench:notice', ROUNDS, 'rounds');
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    if (r % 2) {
      on.push(await time(withNotice));
      off.push(await time(plain));
    } else {
      off.push(await time(plain));
      on.push(await time(withNotice));
    }
    progress.step(`round ${r + 1}: ${off[r].toFixed(2)} ms/op off, ${on[r].toFixed(2)} ms/op on`);
  }
  progress.finish();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  console.log(`FirmsInParksBySector (10 parks × 10 firms), ${ROUNDS} rounds × ${PER_ROUND}, load average ${load}`);
  console.log(`  notice off: ${median(off).toFixed(2)} ms/op (median of rounds)`);
  console.log(`  notice on:  ${median(on).toFixed(2)} ms/op (median of rounds)`);
  console.log(`  cost: ${((median(on) / median(off) - 1) * 100).toFixed(1)}% (target ≤ 5%)`);
  await db.close();
}

runBench(
  {
    name: 'bench:notice',
    summary: 'What the data notice costs: FirmsInParksBySector in-process with and without the provenance hooks, in interleaved rounds.',
    settings: [
      { variable: 'DATABASE_URL', default: 'postgres://postgres@127.0.0.1:5432/bench_10k', description: 'the database (with synthetic firms)' },
      { variable: 'NOTICE_ROUNDS', default: '20', description: 'rounds' },
      { variable: 'NOTICE_PER_ROUND', default: '10', description: 'operations per round and side' },
    ],
    examples: ['npm run bench:notice'],
  },
  main,
);
