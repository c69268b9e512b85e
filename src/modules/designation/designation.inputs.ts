import { OptionalField } from '../../common/inputs/fields';
import { Field, ID, InputType, Int } from 'type-graphql';
import { versionedInput } from '../../common/inputs/record-inputs';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';

@InputType({ description: '新增企业资质 A recognition to record for a firm. Provenance: USER_ENTERED by the key.' })
export class AddDesignationInput {
  @Field(() => ID, { description: 'The firm (Enterprise ID).' })
  enterpriseId!: string;

  @Field(() => DesignationKind, { description: 'Kind of recognition.' })
  kind!: DesignationKind;

  @Field(() => DesignationLevel, { description: 'Level that granted it.' })
  level!: DesignationLevel;

  @Field(() => Int, { description: 'Year granted (1900 to next year).' })
  year!: number;
}

@InputType({ description: '修改企业资质 Changes to a recognition; only the fields sent change.' })
export class UpdateDesignationInput extends versionedInput('The recognition to change (Designation ID).') {
  @OptionalField(DesignationKind, 'Kind; cannot be cleared.') kind?: DesignationKind | null;
  @OptionalField(DesignationLevel, 'Level; cannot be cleared.') level?: DesignationLevel | null;
  @OptionalField(Int, 'Year granted, e.g. after a renewal; cannot be cleared.') year?: number | null;
}

@InputType({ description: '删除企业资质 The recognition to remove.' })
export class RemoveDesignationInput {
  @Field(() => ID, { description: 'ID of the recognition (Designation ID).' })
  id!: string;
}
