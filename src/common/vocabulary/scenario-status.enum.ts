import { registerEnumType } from 'type-graphql';

export enum ScenarioStatus {
  PLANNED = 'PLANNED',
  OPEN_FOR_BIDS = 'OPEN_FOR_BIDS',
  IN_PROGRESS = 'IN_PROGRESS',
  DEPLOYED = 'DEPLOYED',
  SHOWCASE = 'SHOWCASE',
}

registerEnumType(ScenarioStatus, {
  name: 'ScenarioStatus',
  description: '场景状态 Stage of an "AI+" application scenario.',
  valuesConfig: {
    PLANNED: { description: '规划中 Identified, not yet opened.' },
    OPEN_FOR_BIDS: { description: '开放揭榜 Opened to providers (揭榜挂帅), looking for a provider.' },
    IN_PROGRESS: { description: '建设中 Being built by its providers.' },
    DEPLOYED: { description: '已落地 In use.' },
    SHOWCASE: { description: '典型示范 Recognised as a showcase (典型示范应用场景).' },
  },
});
