import { printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from '../../src/common/auth';
import { columnOf, listSourceOf, nodeFetchersOf, pivotOf, tableOf } from '../../src/common/entity-type';
import { entities, entitiesOf } from '../../src/db/entities';
import { resolvers, resolversOf } from '../../src/graphql/schema';
import { ENTITY_MODULES, ENTITY_TYPES } from '../../src/modules/entity-types';
import { NODE_TABLES, nodeTablesOf } from '../../src/modules/graph/graph.model';
import { NODE_TYPES } from '../../src/modules/node/node.service';
import { Park } from '../../src/modules/park/park.entity';
import { InnovationPlatform } from '../../src/modules/platform/platform.entity';
import { Scenario } from '../../src/modules/scenario/scenario.entity';
import { SEARCHABLE, searchableTables } from '../../src/modules/search/search.service';
import { TestWidget, testWidgetModule, testWidgetType, TestWidgetResolver } from '../fixtures/entity-type/widget.descriptor';

describe('entity descriptors', () => {
  it('read table and column names from MikroORM metadata', () => {
    expect(tableOf(InnovationPlatform)).toBe('innovation_platform');
    expect(columnOf(Park, 'nameZh')).toBe('name_zh');
    expect(columnOf(Scenario, 'sector')).toBe('sector_code');
    expect(columnOf(Scenario, 'park')).toBe('park_id');
    expect(pivotOf(Park, 'focusSectorCollection')).toBe('park_focus_sector');
    expect(() => columnOf(Park, 'nope' as never)).toThrow(/no property/);
    expect(testWidgetType.table).toBe('test_widget');
    expect(testWidgetType.col('colourCode').text).toBe('"tw"."colour_code"');
  });

  it('are the source of the registries the app uses', () => {
    expect(SEARCHABLE).toEqual(searchableTables(ENTITY_TYPES));
    expect(SEARCHABLE.map((s) => s.table)).toEqual([
      'park',
      'enterprise',
      'innovation_platform',
      'scenario',
      'compute_center',
      'institution',
      'national_innovation_task',
      'chain_node',
      'data_product',
      'compute_voucher_program',
    ]);
    expect(NODE_TABLES).toEqual(nodeTablesOf(ENTITY_TYPES));
    expect(NODE_TYPES).toEqual([...nodeFetchersOf(ENTITY_TYPES).keys()]);
    expect(NODE_TYPES).toEqual([
      'Sector',
      'Park',
      'Enterprise',
      'InnovationPlatform',
      'Scenario',
      'LargeModel',
      'ComputeCenter',
      'Institution',
      'NationalInnovationTask',
      'Lead',
      'ComputeVoucherProgram',
      'ComputeVoucherGrant',
      'Designation',
      'FirmFigure',
      'DataProduct',
      'ChainNode',
    ]);
    expect(entities).toEqual(entitiesOf(ENTITY_TYPES));
    expect(resolvers).toEqual(resolversOf(ENTITY_MODULES));
  });

  describe('a type added from a fixture descriptor', () => {
    const types = [...ENTITY_TYPES, testWidgetType];

    it('is listed and edited through its own table and alias', () => {
      const source = listSourceOf(testWidgetType);
      expect(source).toMatchObject({ name: 'TestWidget', entity: TestWidget, table: 'test_widget', alias: 'tw' });
      expect(source.ordering.terms).toEqual([{ expr: 'tw.id', dir: 'asc' }]);
      expect(testWidgetType.editing).toMatchObject({ type: 'TestWidget', table: 'test_widget', entity: TestWidget, searchable: { aliases: true } });
    });

    it('is searched, in the place its order gives it among the existing types', () => {
      const searched = searchableTables(types);
      expect(searched.map((s) => s.type)).toEqual([
        'PARK',
        'ENTERPRISE',
        'INNOVATION_PLATFORM',
        'SCENARIO',
        'COMPUTE_CENTER',
        'INSTITUTION',
        'NATIONAL_INNOVATION_TASK',
        'CHAIN_NODE',
        'DATA_PRODUCT',
        'VOUCHER_PROGRAM',
        'TEST_WIDGET',
      ]);
      expect(searched.at(-1)).toMatchObject({ table: 'test_widget', alias: 'tw', order: 100, entity: TestWidget });
    });

    it('becomes a vertex kind of the relation graph, its attributes read from its columns', () => {
      expect(nodeTablesOf(types).TEST_WIDGET).toEqual({
        kind: 'TEST_WIDGET',
        typeName: 'TestWidget',
        table: 'test_widget',
        key: 'id',
        keyType: 'int',
        columns: { layer: 'colour_code' },
      });
    });

    it('is fetched by node(id) and mapped by the ORM', () => {
      expect([...nodeFetchersOf(types).keys()]).toContain('TestWidget');
      expect(nodeFetchersOf(types).get('TestWidget')!({} as never, 'not-a-number')).toBeNull();
      expect(entitiesOf(types)).toContain(TestWidget);
    });

    it('brings its resolvers into the schema', () => {
      const modules = [...ENTITY_MODULES, testWidgetModule];
      expect(resolversOf(modules)).toContain(TestWidgetResolver);
      const sdl = printSchema(buildSchemaSync({ resolvers: resolversOf(modules), authChecker, validate: false, emitSchemaFile: false }));
      expect(sdl).toContain('testWidget: TestWidget');
      expect(sdl).toContain('type TestWidget implements Node');
    });
  });
});
