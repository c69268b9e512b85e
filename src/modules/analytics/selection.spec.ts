import { parse, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { selectsEverything } from './facets.service';
import { selectsPath } from './selection';

function infoFor(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsPath', () => {
  it('finds a nested field directly, through inline fragments and named fragments', () => {
    expect(selectsPath(infoFor('{ coverage { cells { missingLayers } } }'), ['cells', 'missingLayers'])).toBe(true);
    expect(selectsPath(infoFor('{ coverage { cells { ... on CoverageCell { missingLayers } } } }'), ['cells', 'missingLayers'])).toBe(true);
    expect(selectsPath(infoFor('{ coverage { ...C } } fragment C on Coverage { cells { park { id } } }'), ['cells', 'park'])).toBe(true);
  });

  it('is false when the field is absent or only at another level', () => {
    expect(selectsPath(infoFor('{ coverage { cells { enterpriseCount } } }'), ['cells', 'missingLayers'])).toBe(false);
    expect(selectsPath(infoFor('{ coverage { parkCount } }'), ['cells', 'park'])).toBe(false);
  });
});

describe('selectsEverything', () => {
  it('treats null, empty lists and unset fields as no condition', () => {
    expect(selectsEverything(null)).toBe(true);
    expect(selectsEverything({})).toBe(true);
    expect(selectsEverything({ sectors: [], layers: null })).toBe(true);
    expect(selectsEverything({ sectors: ['SMART_OCEAN'] })).toBe(false);
    expect(selectsEverything({ search: '海洋' })).toBe(false);
    expect(selectsEverything({ NOT: [{}] })).toBe(false);
  });
});
