import { OptionalField } from '../../common/inputs/fields';
import { Field, ID, InputType } from 'type-graphql';
import { versionedInput } from '../../common/inputs/record-inputs';
import { SectorCode } from '../sector/sector-code.enum';

@InputType({ description: '新增产业链节点 A new segment or sub-segment of the chain map, under an existing node.' })
export class CreateChainNodeInput {
  @Field(() => ID, { description: 'The parent node (a layer, segment or sub-segment; not retired). The new node takes its layer.' })
  parentId!: string;

  @Field({ description: 'Chinese name, not blank, unique among the parent’s children.' })
  nameZh!: string;

  @OptionalField(String, 'English name.') nameEn?: string | null;
  @OptionalField(String, 'What the segment covers, Chinese first, English after.') description?: string | null;
  @OptionalField(SectorCode, 'The focus sector the segment belongs to; the parent’s when absent (none for shared segments).') sector?: SectorCode | null;
}

@InputType({
  description:
    '修改产业链节点 Rename, move, retire or restore a node. Only the fields sent change. Moving takes the node’s whole subtree along (no cycles); the three layer roots cannot be moved or retired.',
})
export class UpdateChainNodeInput extends versionedInput(
  'The node to change.',
  'The version you read (ChainNode.version); a stale one gets CONFLICT and nothing is written.',
) {
  @OptionalField(String, 'New Chinese name (rename); unique among its siblings; cannot be cleared.') nameZh?: string | null;
  @OptionalField(String, 'English name; null clears it.') nameEn?: string | null;
  @OptionalField(String, 'Description; null clears it.') description?: string | null;
  @OptionalField(SectorCode, 'Focus sector; null makes it a segment every sector shares.') sector?: SectorCode | null;
  @OptionalField(ID, 'New parent (move): not the node itself nor one of its descendants, not retired.') parentId?: string | null;

  @OptionalField(Boolean, '停用 true retires the node (refused while it has active sub-segments); false restores it (refused under a retired parent).')
  retired?: boolean | null;
}

@InputType({ description: '删除产业链节点 The node to delete, and whether to unlink its firms.' })
export class DeleteChainNodeInput {
  @Field(() => ID, { description: 'ID of the node to delete. A node with sub-segments cannot be deleted: move or delete them first.' })
  id!: string;

  @Field({
    defaultValue: false,
    description: 'Unlink the firms linked to the node, then delete it; otherwise firms refuse the delete (HAS_DEPENDANTS). Retiring keeps the links instead.',
  })
  detach: boolean = false;
}
