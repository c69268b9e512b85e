import { defineEntityType } from '../../common/entity-type';
import { Lead } from './lead.entity';
import { loadLeadInScope } from './lead.read';

/**
 * The Lead type as the shared machinery sees it: a Node (node(id) fetches it, within the caller's
 * scope only), but in no search, relation graph, list editing or export.
 */
export const leadType = defineEntityType(Lead, {
  alias: 'l',
  node: (ctx, localId) => loadLeadInScope(ctx, localId),
});
