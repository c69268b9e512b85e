import { defineEnum, EnumValue } from '../../common/enum-type';

/** What a firm figure measures. */
export const FirmFigureMetric = defineEnum('FirmFigureMetric', '企业指标 What a yearly firm figure measures, and its unit.', {
  REVENUE: '营业收入 Operating revenue for the year, in 万元 (10,000 yuan).',
  HEADCOUNT: '从业人数 Employees at the end of the year, in persons (a whole number).',
  RD_SPENDING: '研发投入 Research and development spending for the year, in 万元 (10,000 yuan).',
});
export type FirmFigureMetric = EnumValue<typeof FirmFigureMetric>;

/** The unit each metric is stored and answered in. */
export const FIGURE_UNITS: Record<FirmFigureMetric, string> = {
  [FirmFigureMetric.REVENUE]: '万元',
  [FirmFigureMetric.HEADCOUNT]: '人',
  [FirmFigureMetric.RD_SPENDING]: '万元',
};

/** Largest value accepted for a money figure (万元): 10 万亿元, far above any firm. A typo guard, not a judgement. */
export const MAX_MONEY_WAN_YUAN = 1e9;
/** Largest headcount accepted. */
export const MAX_HEADCOUNT = 5_000_000;
