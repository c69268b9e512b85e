import { Resolver } from 'type-graphql';
import { pagedList } from '../../common/relay/paged-list';
import { RootConnectionArgs } from '../../common/relay/connection.types';
import { Institution } from './institution.entity';
import { InstitutionFilter, InstitutionOrder } from './institution.inputs';
import { institutionOrdering, listInstitutions } from './institution.service';
import { InstitutionConnection } from './institution.types';

/** How universities and institutes are listed. */
export const institutionList = pagedList(
  InstitutionConnection,
  listInstitutions,
  [InstitutionFilter, 'Conditions the institutions must meet.'],
  [InstitutionOrder, institutionOrdering],
);

@Resolver(() => Institution)
export class InstitutionResolver extends institutionList.query('institutions', '高校院所 Universities and research institutes, filtered and paged.', {
  paging: RootConnectionArgs,
}) {}
