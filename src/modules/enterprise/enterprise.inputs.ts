import { Field, ID, InputType, Int } from 'type-graphql';
import { SectorCode } from '../sector/sector-code.enum';
import { ChainLayer } from './chain-layer.enum';

@InputType({ description: 'Narrows a list of enterprises. Fields combine with AND; values inside one list combine with OR.' })
export class EnterpriseFilter {
  @Field(() => [SectorCode], { nullable: true, description: 'Firms serving any of these sectors.' })
  sectors?: SectorCode[] | null;

  @Field(() => [ID], { nullable: true, description: 'Firms located in any of these parks (Park IDs).' })
  parkIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Firms in a park of any of these districts (Chinese names, e.g. 崂山区).' })
  districts?: string[] | null;

  @Field(() => [ChainLayer], { nullable: true, description: 'Firms in any of these chain layers.' })
  layers?: ChainLayer[] | null;

  @Field(() => String, { nullable: true, description: 'Text the Chinese or English name or an alias contains (case-insensitive, literal).' })
  search?: string | null;
}

@InputType({ description: '新增企业 A new firm. Names are trimmed; the credit code is checked (GB 32100-2015) and must be unique.' })
export class CreateEnterpriseInput {
  @Field({ description: 'Registered Chinese name (企业名称), not blank.' })
  nameZh!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => [String], { nullable: true, description: 'Short or former names (简称).' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: '统一社会信用代码 18-character unified social credit code; unique in the directory.' })
  creditCode?: string | null;

  @Field(() => ChainLayer, { description: '产业链环节 Layer of the industry chain.' })
  layer!: ChainLayer;

  @Field(() => Int, { nullable: true, description: 'Year founded (1900 to next year).' })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Website, an http(s) address.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'What the firm does, Chinese first, English after.' })
  summary?: string | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Focus sectors the firm serves (重点领域).' })
  sectors?: SectorCode[] | null;

  @Field(() => [ID], { nullable: true, description: 'Parks the firm is located in (Park IDs).' })
  parkIds?: string[] | null;
}

@InputType({ description: '修改企业 Changes to a firm. Only the fields sent change; send null to clear an optional field. Relations change through the link/unlink mutations.' })
export class UpdateEnterpriseInput {
  @Field(() => ID, { description: 'The firm to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (Enterprise.version). If the firm has changed since, nothing is written and the payload says CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Registered Chinese name; cannot be cleared.' })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => [String], { nullable: true, description: 'Short or former names; replaces the list.' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Unified social credit code.' })
  creditCode?: string | null;

  @Field(() => ChainLayer, { nullable: true, description: 'Layer of the industry chain; cannot be cleared.' })
  layer?: ChainLayer | null;

  @Field(() => Int, { nullable: true, description: 'Year founded.' })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Website.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'What the firm does.' })
  summary?: string | null;
}

@InputType({ description: 'A firm and a park to link or unlink (企业 ↔ 园区).' })
export class EnterpriseParkInput {
  @Field(() => ID, { description: 'The firm.' })
  enterpriseId!: string;

  @Field(() => ID, { description: 'The park.' })
  parkId!: string;
}

@InputType({ description: 'A firm and a focus sector to link or unlink (企业 ↔ 重点领域).' })
export class EnterpriseSectorInput {
  @Field(() => ID, { description: 'The firm.' })
  enterpriseId!: string;

  @Field(() => SectorCode, { description: 'The sector.' })
  sector!: SectorCode;
}

@InputType({ description: 'A scenario and a firm that provides it, to link or unlink (场景 ↔ 提供方企业).' })
export class ScenarioProviderInput {
  @Field(() => ID, { description: 'The scenario.' })
  scenarioId!: string;

  @Field(() => ID, { description: 'The firm providing it.' })
  enterpriseId!: string;
}

@InputType({ description: 'An innovation platform and a firm that hosts it, to link or unlink (平台 ↔ 依托单位).' })
export class PlatformHostInput {
  @Field(() => ID, { description: 'The platform.' })
  platformId!: string;

  @Field(() => ID, { description: 'The hosting firm.' })
  enterpriseId!: string;
}
