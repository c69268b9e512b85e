import { eventTypesFor, expandEventTypes, PUBLIC_RECORD_TYPES } from './event-types';

describe('event-type patterns', () => {
  it('expands exact types, wildcards by type, by action and everything', () => {
    expect(expandEventTypes(['Enterprise.UPDATE'], PUBLIC_RECORD_TYPES).eventTypes).toEqual(['Enterprise.UPDATE']);
    expect(expandEventTypes(['Park.*'], PUBLIC_RECORD_TYPES).eventTypes).toEqual(['Park.CREATE', 'Park.UPDATE', 'Park.DELETE', 'Park.LINK', 'Park.UNLINK']);
    expect(expandEventTypes(['*.DELETE'], PUBLIC_RECORD_TYPES).eventTypes).toEqual(PUBLIC_RECORD_TYPES.map((t) => `${t}.DELETE`));
    expect(expandEventTypes(['*'], PUBLIC_RECORD_TYPES).eventTypes).toEqual(eventTypesFor(PUBLIC_RECORD_TYPES));
  });

  it('reports patterns that name nothing, with their positions', () => {
    const { eventTypes, unknown } = expandEventTypes(
      ['Park.CREATE', 'Firm.CREATE', 'Park.RENAME', 'Park', 'Park.CREATE.x', 'WebhookSubscription.CREATE'],
      PUBLIC_RECORD_TYPES,
    );
    expect(eventTypes).toEqual(['Park.CREATE']);
    expect(unknown.map((u) => u.index)).toEqual([1, 2, 3, 4, 5]);
  });
});
