import { LeadStage, stageMoveProblem } from './lead-stage.enum';

describe('stage moves', () => {
  it('allows forward moves, skipping stages, and LOST from any pipeline stage', () => {
    expect(stageMoveProblem(LeadStage.LEAD, LeadStage.CONTACTED)).toBeNull();
    expect(stageMoveProblem(LeadStage.LEAD, LeadStage.SIGNED)).toBeNull();
    expect(stageMoveProblem(LeadStage.LANDED, LeadStage.LOST)).toBeNull();
  });
  it('refuses backward moves, staying put, and moving a lost lead', () => {
    expect(stageMoveProblem(LeadStage.NEGOTIATING, LeadStage.VISITED)).toMatch(/only move forward/);
    expect(stageMoveProblem(LeadStage.VISITED, LeadStage.VISITED)).toMatch(/already/);
    expect(stageMoveProblem(LeadStage.LOST, LeadStage.SIGNED)).toMatch(/reopen/);
  });
});
