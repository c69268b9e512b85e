import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { versionedInput } from '../../common/inputs/record-inputs';
import { FirmFigureMetric } from './firm-figure.enums';

@InputType({ description: '新增企业指标 A yearly figure to record for a firm. Provenance: USER_ENTERED by the key.' })
export class AddFirmFigureInput {
  @Field(() => ID, { description: 'The firm (Enterprise ID).' })
  enterpriseId!: string;

  @Field(() => Int, { description: 'The year the figure is for (1900 to this year).' })
  year!: number;

  @Field(() => FirmFigureMetric, { description: 'What the figure measures.' })
  metric!: FirmFigureMetric;

  @Field(() => Float, { description: 'The value: 万元 for REVENUE and RD_SPENDING, a whole number of persons for HEADCOUNT; not negative.' })
  value!: number;
}

@InputType({ description: '修改企业指标 A corrected value for a firm figure.' })
export class UpdateFirmFigureInput extends versionedInput('The figure to change (FirmFigure ID).') {
  @Field(() => Float, { description: 'The corrected value, in the metric’s unit; not negative.' })
  value!: number;
}

@InputType({ description: '删除企业指标 The figure to remove.' })
export class RemoveFirmFigureInput {
  @Field(() => ID, { description: 'ID of the figure (FirmFigure ID).' })
  id!: string;
}
