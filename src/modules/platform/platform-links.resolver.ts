import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { Institution } from '../institution/institution.entity';
import { platformList } from './platform.resolver';
import { platformsVia } from './platform.service';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
export const ParkPlatformsResolver = platformList.field(Park, 'platforms', 'Innovation platforms located in the park.', platformsVia.park);

export const EnterprisePlatformsResolver = platformList.field(Enterprise, 'platforms', 'Innovation platforms the firm hosts or co-hosts.', platformsVia.host);

export const InstitutionPlatformsResolver = platformList.field(
  Institution,
  'platforms',
  'Innovation platforms the institution hosts or co-hosts (作为依托单位).',
  platformsVia.institutionHost,
);
