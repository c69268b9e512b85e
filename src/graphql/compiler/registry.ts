import type { Ordering } from '../../common/relay/connection-query';
import type { ListSource, Via } from '../../common/relay/entity-list';
import { enterpriseOrdering, enterpriseSource, enterprisesVia } from '../../modules/enterprise/enterprise.service';
import { parkOrdering, parkSource, parksVia } from '../../modules/park/park.service';
import { scenarioOrdering, scenarioSource, scenariosVia } from '../../modules/scenario/scenario.service';
import { sectorPivots, SectorPivot } from '../../modules/sector/sector.service';

/**
 * What the read compiler knows about the types it covers: the list sources, relations and
 * orderings the resolvers use (imported from the modules, so both paths read the same tables
 * with the same filters and orders). A type or field missing here is run by the resolvers.
 */

/** A connection field: the list it shows and how it hangs off its parent (none for root lists). */
export interface ConnectionField {
  type: string;
  via: Via | null;
  /** Whether the field takes `filter` and `orderBy` (root lists and most relations do). */
  filtered: boolean;
}

export interface CoveredType {
  /** Where the rows live; `alias` is the alias the source's filter builder expects. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  source: ListSource<any, any> | { name: string; table: string; alias: string; entity: unknown };
  /** The primary key column; the global ID is built from it. */
  key: string;
  /** Orderings for `orderBy`, as the resolvers compute them. */
  ordering?: (orderBy: never) => Ordering;
  connections: Record<string, ConnectionField>;
  /** Plain lists of sectors, through a pivot, in the plan's order. */
  sectorLists: Record<string, SectorPivot>;
}

export const COVERED_TYPES: Record<string, CoveredType> = {
  Enterprise: {
    source: enterpriseSource,
    key: 'id',
    ordering: enterpriseOrdering as (orderBy: never) => Ordering,
    connections: {
      parks: { type: 'Park', via: parksVia.enterprise, filtered: true },
      scenarios: { type: 'Scenario', via: scenariosVia.provider, filtered: true },
    },
    sectorLists: { sectors: sectorPivots.enterprise },
  },
  Park: {
    source: parkSource,
    key: 'id',
    ordering: parkOrdering as (orderBy: never) => Ordering,
    connections: {
      enterprises: { type: 'Enterprise', via: enterprisesVia.park, filtered: true },
      scenarios: { type: 'Scenario', via: scenariosVia.park, filtered: true },
    },
    sectorLists: { focusSectors: sectorPivots.park },
  },
  Scenario: {
    source: scenarioSource,
    key: 'id',
    ordering: scenarioOrdering as (orderBy: never) => Ordering,
    connections: {
      providers: { type: 'Enterprise', via: enterprisesVia.providedScenario, filtered: false },
    },
    sectorLists: {},
  },
  Sector: {
    source: { name: 'Sector', table: 'sector', alias: 'sec', entity: 'Sector' },
    key: 'code',
    connections: {},
    sectorLists: {},
  },
};

/** Root fields that are connections of a covered type. */
export const ROOT_CONNECTIONS: Record<string, ConnectionField> = {
  enterprises: { type: 'Enterprise', via: null, filtered: true },
  parks: { type: 'Park', via: null, filtered: true },
  scenarios: { type: 'Scenario', via: null, filtered: true },
};

/** Types `node`/`nodes` compile for: integer keys only (a sector's key is its code). */
export const NODE_TYPES_COMPILED = ['Enterprise', 'Park', 'Scenario'];
