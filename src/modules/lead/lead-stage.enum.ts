import { defineEnum, EnumValue } from '../../common/enum-type';

/** Where a lead stands in a park's 招商 pipeline: forward through the stages, or out as LOST. */
export const LeadStage = defineEnum(
  'LeadStage',
  '招商阶段 Stage of a lead in a park’s investment-promotion pipeline, in order; LOST (流失) leaves the pipeline.',
  {
    LEAD: '线索 A candidate firm, not yet contacted.',
    CONTACTED: '接洽 First contact made.',
    VISITED: '考察 The firm has visited the park (or the team the firm).',
    NEGOTIATING: '洽谈 Terms under negotiation.',
    SIGNED: '签约 Agreement signed.',
    LANDED: '落地 The firm has registered or settled in the park; it joins the park’s firms.',
    IN_PRODUCTION: '投产 The project is in production.',
    LOST: '流失 The lead was lost; `lostReason` says why.',
  },
);
export type LeadStage = EnumValue<typeof LeadStage>;

/** The pipeline in order (LOST is not on it: a lead leaves the pipeline from any stage). */
export const PIPELINE: readonly LeadStage[] = [
  LeadStage.LEAD,
  LeadStage.CONTACTED,
  LeadStage.VISITED,
  LeadStage.NEGOTIATING,
  LeadStage.SIGNED,
  LeadStage.LANDED,
  LeadStage.IN_PRODUCTION,
];

/** Chinese names, for the CSV export and messages. */
export const STAGE_ZH: Record<LeadStage, string> = {
  LEAD: '线索',
  CONTACTED: '接洽',
  VISITED: '考察',
  NEGOTIATING: '洽谈',
  SIGNED: '签约',
  LANDED: '落地',
  IN_PRODUCTION: '投产',
  LOST: '流失',
};

/**
 * Why a move is refused, or null when `from` → `to` is allowed: forward along the pipeline (stages
 * may be skipped), or to LOST from any stage on it. A LOST lead moves only through `reopenLead`.
 */
export function stageMoveProblem(from: LeadStage, to: LeadStage): string | null {
  if (from === LeadStage.LOST) return 'The lead is lost (流失); reopen it (reopenLead) before moving it.';
  if (to === LeadStage.LOST) return null;
  const [a, b] = [PIPELINE.indexOf(from), PIPELINE.indexOf(to)];
  if (b === a) return `The lead is already at ${to} (${STAGE_ZH[to]}).`;
  if (b < a) return `Stages only move forward: ${from} (${STAGE_ZH[from]}) cannot go back to ${to} (${STAGE_ZH[to]}). To undo a loss use reopenLead.`;
  return null;
}
