import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, GraphQLNamedType } from 'graphql';
import { printAppSchema } from '../../src/graphql/schema';

const committedFile = path.join(__dirname, '../../schema/schema.graphql');

describe('the published schema', () => {
  const printed = printAppSchema();

  it('is committed exactly as the code emits it (run `npm run schema` after changing the schema)', () => {
    expect(fs.readFileSync(committedFile, 'utf8')).toBe(printed);
  });

  it('describes every type, field, argument and enum value', () => {
    const schema = buildSchema(printed);
    const missing: string[] = [];
    const check = (what: string, description: string | null | undefined) => {
      if (!description || !description.trim()) missing.push(what);
    };
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (type.name.startsWith('__')) continue;
      check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
      } else if (isUnionType(type)) {
        // a union's members are described by their own types
      }
    }
    // graphql-scalars and the built-in scalars come with their own descriptions.
    expect(missing).toEqual([]);
  });
});
