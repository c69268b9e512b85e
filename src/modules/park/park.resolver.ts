import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Provenance } from '../../common/provenance';
import { RootConnectionArgs } from '../../common/relay/connection.types';
import { pagedList } from '../../common/relay/paged-list';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { focusSectorsProvenance, Park } from './park.entity';
import { ParkFilter, ParkOrder } from './park.inputs';
import { listParks, parkOrdering } from './park.service';
import { ParkConnection } from './park.types';

/** How parks are listed: the root query here, the links from other types in their modules. */
export const parkList = pagedList(ParkConnection, listParks, [ParkFilter, 'Conditions the parks must meet.'], [ParkOrder, parkOrdering]);

@Resolver(() => Park)
export class ParkResolver extends parkList.query('parks', 'Industrial parks (产业园区), filtered and paged.', { paging: RootConnectionArgs }) {
  @FieldResolver(() => [Sector], {
    description:
      'Focus sectors of the park (重点领域), in the plan’s order of sectors. The plan assigns no sectors to parks: for the plan’s parks they are an editorial assignment (see focusSectorsProvenance).',
  })
  focusSectors(@Root() park: Park, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.park, park.id);
  }

  @FieldResolver(() => Provenance, {
    description:
      'Where the park’s focus sectors come from: EDITORIAL for the plan’s parks (neither the plan nor the sources assign sectors), otherwise the park’s own provenance.',
  })
  focusSectorsProvenance(@Root() park: Park): Provenance {
    return focusSectorsProvenance(park.provenance);
  }
}
