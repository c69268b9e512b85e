import { defineEnum, EnumValue } from '../enum-type';

export const ScenarioStatus = defineEnum('ScenarioStatus', '场景状态 Stage of an "AI+" application scenario.', {
  PLANNED: '规划中 Identified, not yet opened.',
  OPEN_FOR_BIDS: '开放揭榜 Opened to providers (揭榜挂帅), looking for a provider.',
  IN_PROGRESS: '建设中 Being built by its providers.',
  DEPLOYED: '已落地 In use.',
  SHOWCASE: '典型示范 Recognised as a showcase (典型示范应用场景).',
});
export type ScenarioStatus = EnumValue<typeof ScenarioStatus>;
