import { defineEnum, EnumValue } from '../enum-type';

/** Recognitions a firm can hold, as 招商 staff filter by them. */
export const DesignationKind = defineEnum(
  'DesignationKind',
  '企业资质认定类别 Kind of recognition a firm holds. LITTLE_GIANT, UNICORN and CHAIN_LEADER (any level) make a real firm count towards the plan’s “20家左右具有行业影响力的人工智能细分领域企业” (actionPlan metric INFLUENTIAL_ENTERPRISES); the others do not.',
  {
    SPECIALIZED_SME: '专精特新中小企业 Specialised, refined, distinctive and innovative SME (provincial or municipal list).',
    LITTLE_GIANT: '专精特新“小巨人”企业 "Little giant": the national tier of 专精特新, recognised by MIIT.',
    HIGH_TECH: '高新技术企业 High and new technology enterprise (certified for three years at a time).',
    GAZELLE: '瞪羚企业 Gazelle: a fast-growing firm on a provincial or municipal list.',
    UNICORN: '独角兽企业 Unicorn (including 潜在独角兽 lists where the issuer calls them so; say which in the provenance note).',
    CHAIN_LEADER: '链主企业 Chain leader: the firm a government names to lead an industry chain.',
  },
);
export type DesignationKind = EnumValue<typeof DesignationKind>;

/** Level of the government that granted a recognition. */
export const DesignationLevel = defineEnum('DesignationLevel', '认定级别 Level of the government that granted a recognition.', {
  NATIONAL: '国家级 National (a ministry).',
  PROVINCIAL: '省级 Provincial (Shandong).',
  MUNICIPAL: '市级 Municipal (Qingdao).',
});
export type DesignationLevel = EnumValue<typeof DesignationLevel>;

/**
 * The recognitions that make a firm count towards the plan's "20家左右具有行业影响力的人工智能细分领域企业":
 * each marks a leader of a niche or a chain rather than a broad qualification (高新技术企业 and
 * provincial 专精特新 number in the thousands). Any level counts; a firm counts once.
 */
export const INFLUENTIAL_DESIGNATIONS: readonly DesignationKind[] = [DesignationKind.LITTLE_GIANT, DesignationKind.UNICORN, DesignationKind.CHAIN_LEADER];
