import { ProvenanceKind } from '../provenance';
import type { Actor } from './audit';
import type { Values } from './editable-table';

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Provenance columns of a record entered through the API by `actor`. */
export function userEnteredProvenance(actor: Actor): Values {
  return {
    provenance_kind: ProvenanceKind.USER_ENTERED,
    provenance_source: actor.name,
    provenance_url: null,
    provenance_verified_at: today(),
    provenance_note: null,
  };
}

/**
 * Provenance after a correction through the API: the record is now vouched for by the key that
 * changed it (USER_ENTERED), dated today; the note records the earlier source, once.
 */
export function correctedProvenance(before: Values, actor: Actor): Values {
  const next = userEnteredProvenance(actor);
  if (before.provenance_kind === ProvenanceKind.USER_ENTERED) {
    next.provenance_note = before.provenance_note ?? null;
    next.provenance_url = before.provenance_url ?? null;
  } else {
    const earlier = [before.provenance_source, before.provenance_url].filter(Boolean).join(' ');
    next.provenance_note = `经 ${actor.name} 更正 Corrected by ${actor.name}; 原来源 earlier source (${before.provenance_kind}): ${earlier}`;
  }
  return next;
}
