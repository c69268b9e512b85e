import type { Caller } from '../../common/auth';

/** What a change did to its record; the audit trail's actions. */
export const CHANGE_ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'LINK', 'UNLINK'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/**
 * The record types whose changes the feed publishes: the directory's public records. Writes
 * audit other things too (webhook subscriptions, say); those never reach the feed.
 */
export const PUBLIC_RECORD_TYPES = [
  'Enterprise',
  'Park',
  'InnovationPlatform',
  'Scenario',
  'LargeModel',
  'ComputeCenter',
  'Sector',
  'Institution',
  'NationalInnovationTask',
  'ChainNode',
] as const;

/**
 * The confidentiality hook: the record types whose changes `reader` may see (null: the public,
 * which is also whom webhooks deliver to). Every directory record is public today. When
 * confidential records arrive (the 招商 lead pipeline), their types are added here only for the
 * roles allowed to read them; the feed and webhook fan-out filter through this function alone.
 */
export function readableRecordTypes(reader: Caller | null): readonly string[] {
  void reader;
  return PUBLIC_RECORD_TYPES;
}

/** Every event type a reader may name: `<RecordType>.<ACTION>`, e.g. `Enterprise.UPDATE`. */
export function eventTypesFor(recordTypes: readonly string[]): string[] {
  return recordTypes.flatMap((t) => CHANGE_ACTIONS.map((a) => `${t}.${a}`));
}

/**
 * Expands event-type patterns into the event types they name: `Enterprise.UPDATE`, a whole
 * record type (`Enterprise.*`), one action on every type (`*.DELETE`) or everything (`*`).
 * Patterns that name nothing come back in `unknown`, with their positions.
 */
export function expandEventTypes(
  patterns: readonly string[],
  recordTypes: readonly string[],
): { eventTypes: string[]; unknown: Array<{ index: number; pattern: string }> } {
  const all = eventTypesFor(recordTypes);
  const chosen = new Set<string>();
  const unknown: Array<{ index: number; pattern: string }> = [];
  patterns.forEach((pattern, index) => {
    const matched = all.filter((e) => matchesPattern(pattern, e));
    if (matched.length === 0) unknown.push({ index, pattern });
    for (const e of matched) chosen.add(e);
  });
  return { eventTypes: all.filter((e) => chosen.has(e)), unknown };
}

function matchesPattern(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  const [type, action, ...rest] = pattern.split('.');
  if (rest.length || type === undefined || action === undefined) return false;
  const [eType, eAction] = eventType.split('.');
  return (type === '*' || type === eType) && (action === '*' || action === eAction);
}

/** The message for patterns that name no event type. */
export function unknownEventTypeMessage(pattern: string): string {
  return `"${pattern.slice(0, 60)}" is not an event type. Use <RecordType>.<ACTION> (e.g. Enterprise.UPDATE), <RecordType>.*, *.<ACTION> or *; record types: ${PUBLIC_RECORD_TYPES.join(', ')}; actions: ${CHANGE_ACTIONS.join(', ')}.`;
}
