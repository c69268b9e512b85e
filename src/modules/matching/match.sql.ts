import { SECTOR_CODES } from '../sector/sector-code.enum';
import { CHAIN_LINK_TABLE } from '../chain-node/chain-node.service';
import {
  COHOST_TIE,
  DELIVERED_STATUSES,
  DELIVERY_SATURATION,
  DEMAND_SATURATION,
  DEMAND_STATUSES,
  MODEL_IN_DEVELOPMENT,
  RELEASED_MODEL_STATUSES,
  SEGMENT_SATURATION,
  SIGNALS,
  Weights,
} from './match-formula';

/**
 * SQL for the matching formula of match-formula.ts, over every (park, firm) pair of a scope.
 *
 * Each signal is one aggregate CTE holding only the pairs where it is positive, so the work
 * grows with the links that exist, not with parks × firms. The same CTEs serve the ranking (counts
 * only, all candidates) and the page's reasons (names too, the page's pairs only).
 */
export interface MatchScope {
  /** Parks to match; null means every park. */
  parkIds: number[] | null;
  /** Firms to match; null means every firm of the directory. */
  enterpriseIds: number[] | null;
  /** Only firms of these provenance kinds count as a park's own when looking for missing layers; null: every kind. */
  provenanceKinds?: readonly string[] | null;
}

export interface SqlFragment {
  sql: string;
  bindings: Array<string | number>;
}

const LAYERS = ['FOUNDATION', 'TECHNOLOGY', 'APPLICATION'];
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The CTE chain (without the leading `with`) defining `sp`, `focus`, `nfocus`, `missing`,
 * `seg_cover`, `seg_missing`, `seg_gap`, `seg_firm` and one CTE per signal: `fit`, `gap`, `demand`, `hosted`, `cohosted`,
 * `delivered`, `models`, `district`, `segment`, each keyed by (park_id, enterprise_id). With
 * `names`, each also aggregates the names the reasons quote.
 */
export function signalCtes(scope: MatchScope, names: boolean, segments = true): SqlFragment {
  const bindings: Array<string | number> = [];
  const firmIn = (column: string): string => {
    if (!scope.enterpriseIds) return '';
    bindings.push(...scope.enterpriseIds);
    return ` and ${column} in (${placeholders(scope.enterpriseIds.length)})`;
  };
  const agg = (expr: string) => (names ? `, ${expr}` : '');
  const parts: string[] = [];
  if (scope.parkIds) {
    bindings.push(...scope.parkIds);
    parts.push(`sp as (select id, district from park where id in (${placeholders(scope.parkIds.length)}))`);
  } else {
    parts.push('sp as (select id, district from park)');
  }
  parts.push(`focus as (select pf.park_id, pf.sector_code from park_focus_sector pf join sp on sp.id = pf.park_id)`);
  parts.push(`nfocus as (select park_id, count(*)::int as n from focus group by park_id)`);
  // A layer is missing in a focus sector when no firm of the park serves that sector in that layer.
  let kindScope = '';
  if (scope.provenanceKinds) {
    bindings.push(...scope.provenanceKinds);
    kindScope = ` and me.provenance_kind in (${placeholders(scope.provenanceKinds.length)})`;
  }
  let missingScope = '';
  if (scope.enterpriseIds) {
    missingScope =
      ` and f.sector_code in (select x.sector_code from enterprise_sector x where true${firmIn('x.enterprise_id')})` +
      ` and l.layer in (select x.layer from enterprise x where true${firmIn('x.id')})`;
  }
  parts.push(
    `missing as (select f.park_id, f.sector_code, l.layer from focus f cross join (values ${LAYERS.map((l) => `('${l}')`).join(', ')}) as l(layer)` +
      ` where not exists (select 1 from enterprise_park mp join enterprise me on me.id = mp.enterprise_id and me.layer = l.layer${kindScope}` +
      ` join enterprise_sector ms on ms.enterprise_id = mp.enterprise_id and ms.sector_code = f.sector_code where mp.park_id = f.park_id)${missingScope})`,
  );
  parts.push(
    `fit as (select f.park_id, es.enterprise_id, count(*)::int as n${agg('array_agg(sec.name_zh order by sec.position) as names')}` +
      ` from focus f join enterprise_sector es on es.sector_code = f.sector_code${firmIn('es.enterprise_id')}` +
      `${names ? ' join sector sec on sec.code = f.sector_code' : ''} group by f.park_id, es.enterprise_id)`,
  );
  parts.push(
    `gap as (select m.park_id, es.enterprise_id, count(*)::int as n${agg('array_agg(sec.name_zh order by sec.position) as names')}` +
      ` from missing m join enterprise_sector es on es.sector_code = m.sector_code${firmIn('es.enterprise_id')}` +
      ` join enterprise e on e.id = es.enterprise_id and e.layer = m.layer` +
      `${names ? ' join sector sec on sec.code = m.sector_code' : ''} group by m.park_id, es.enterprise_id)`,
  );
  if (segments) {
    // Missing segments of the chain map, as ChainGap.missingChainNodes finds them: per focus sector, the
    // live nodes (the sector's own and the shared ones) that no firm of the park covers, where a firm
    // covers a node when it is linked to it or below it and the node is the sector's own or the firm
    // serves the sector. Only the highest missing node of each branch counts (seg_gap): a firm below
    // it earns that segment, once, however many of its sub-segments it works in. A linked node's
    // ancestors are read from its id path: the planner estimates that well, while a join on path
    // prefixes (chain_node_closure) made it expect millions of rows and compile the plan (JIT) for
    // seconds on PostgreSQL.
    if (scope.provenanceKinds) bindings.push(...scope.provenanceKinds);
    parts.push(
      `seg_cover as (select distinct fo.park_id, fo.sector_code, anc.node_id from focus fo join enterprise_park mp on mp.park_id = fo.park_id` +
        ` join enterprise me on me.id = mp.enterprise_id${kindScope} join ${CHAIN_LINK_TABLE} ml on ml.enterprise_id = mp.enterprise_id` +
        ` join chain_node md on md.id = ml.chain_node_id cross join lateral unnest(string_to_array(btrim(md.id_path, '/'), '/')::int[]) as anc(node_id)` +
        ` join chain_node ma on ma.id = anc.node_id` +
        ` where ma.sector_code = fo.sector_code or exists (select 1 from enterprise_sector ms where ms.enterprise_id = mp.enterprise_id and ms.sector_code = fo.sector_code))`,
    );
    parts.push(
      `seg_missing as (select fo.park_id, fo.sector_code, n.id as node_id, n.parent_id, n.sector_code as node_sector from focus fo` +
        ` join chain_node n on (n.sector_code is null or n.sector_code = fo.sector_code) and n.parent_id is not null and not n.retired` +
        ` where not exists (select 1 from seg_cover c where c.park_id = fo.park_id and c.sector_code = fo.sector_code and c.node_id = n.id))`,
    );
    parts.push(
      `seg_gap as (select m.park_id, m.sector_code, m.node_id, m.node_sector from seg_missing m` +
        ` where not exists (select 1 from seg_missing p where p.park_id = m.park_id and p.sector_code = m.sector_code and p.node_id = m.parent_id))`,
    );
    // A shared segment missing in several focus sectors is one segment, counted once per firm; and
    // where a segment is missing in one sector and only its sub-segments in another, a firm under
    // both earns the segment alone (its descendants count toward it).
    parts.push(
      `seg_firm as (select distinct g.park_id, cl.enterprise_id, g.node_id from ${CHAIN_LINK_TABLE} cl join chain_node cd on cd.id = cl.chain_node_id` +
        ` cross join lateral unnest(string_to_array(btrim(cd.id_path, '/'), '/')::int[]) as anc(node_id) join seg_gap g on g.node_id = anc.node_id` +
        ` where true${firmIn('cl.enterprise_id')} and (g.node_sector is not null` +
        ` or exists (select 1 from enterprise_sector y where y.enterprise_id = cl.enterprise_id and y.sector_code = g.sector_code)))`,
    );
    parts.push(
      `segment as (select sg.park_id, sg.enterprise_id, count(*)::int as n` +
        `${agg(`array_agg(sn.name_zh || coalesce('（' || sn.name_en || '）', '') order by sn.id) as names`)}` +
        ` from seg_firm sg join chain_node sn on sn.id = sg.node_id` +
        ` where not exists (select 1 from seg_firm up where up.park_id = sg.park_id and up.enterprise_id = sg.enterprise_id` +
        ` and up.node_id <> sg.node_id and position('/' || up.node_id || '/' in sn.id_path) > 0)` +
        ` group by sg.park_id, sg.enterprise_id)`,
    );
  } else {
    // Weighed 0 (matching's default): an empty signal, so matching pays nothing for the chain map.
    parts.push(`segment as (select 0 as park_id, 0 as enterprise_id, 0 as n${agg('null::text[] as names')} where false)`);
  }
  const open = `s.status in (${quoted(DEMAND_STATUSES)})`;
  if (names) {
    parts.push(
      `demand as (select s.park_id, es.enterprise_id, count(*)::int as n, array_agg(s.name_zh order by s.id) as names` +
        ` from scenario s join sp on sp.id = s.park_id join enterprise_sector es on es.sector_code = s.sector_code${firmIn('es.enterprise_id')}` +
        ` where ${open} and not exists (select 1 from scenario_provider x where x.scenario_id = s.id and x.enterprise_id = es.enterprise_id)` +
        ` group by s.park_id, es.enterprise_id)`,
    );
  } else {
    // Counted per sector first: joining each open scenario to every firm of its sector would
    // multiply rows by the number of open scenarios. Scenarios a firm already provides (rare for
    // open ones) are subtracted after.
    parts.push(`open_sc as (select s.id, s.park_id, s.sector_code from scenario s join sp on sp.id = s.park_id where ${open})`);
    parts.push(`open_by_sector as (select park_id, sector_code, count(*)::int as n from open_sc group by park_id, sector_code)`);
    parts.push(
      `provided as (select o.park_id, x.enterprise_id, count(*)::int as n from open_sc o join scenario_provider x on x.scenario_id = o.id${firmIn('x.enterprise_id')}` +
        ` join enterprise_sector y on y.enterprise_id = x.enterprise_id and y.sector_code = o.sector_code group by o.park_id, x.enterprise_id)`,
    );
    parts.push(
      `demand_all as (select o.park_id, es.enterprise_id, sum(o.n)::int as n from open_by_sector o join enterprise_sector es on es.sector_code = o.sector_code${firmIn('es.enterprise_id')}` +
        ` group by o.park_id, es.enterprise_id)`,
    );
    parts.push(
      `demand as (select d.park_id, d.enterprise_id, d.n - coalesce(pv.n, 0) as n from demand_all d` +
        ` left join provided pv on pv.park_id = d.park_id and pv.enterprise_id = d.enterprise_id where d.n - coalesce(pv.n, 0) > 0)`,
    );
  }
  parts.push(
    `hosted as (select ip.park_id, ph.enterprise_id, count(*)::int as n${agg('array_agg(ip.name_zh order by ip.id) as names')}` +
      ` from innovation_platform ip join sp on sp.id = ip.park_id join platform_host ph on ph.platform_id = ip.id${firmIn('ph.enterprise_id')}` +
      ` group by ip.park_id, ph.enterprise_id)`,
  );
  parts.push(
    `cohosted as (select ep.park_id, ph2.enterprise_id, count(distinct ph2.platform_id)::int as n${agg('array_agg(distinct ip.name_zh) as names')}` +
      ` from sp join enterprise_park ep on ep.park_id = sp.id join platform_host ph on ph.enterprise_id = ep.enterprise_id` +
      ` join platform_host ph2 on ph2.platform_id = ph.platform_id and ph2.enterprise_id <> ph.enterprise_id${firmIn('ph2.enterprise_id')}` +
      `${names ? ' join innovation_platform ip on ip.id = ph2.platform_id' : ''} group by ep.park_id, ph2.enterprise_id)`,
  );
  parts.push(
    `delivered as (select f.park_id, pr.enterprise_id, count(*)::int as n${agg('array_agg(s.name_zh order by s.id) as names')}` +
      ` from focus f join scenario s on s.sector_code = f.sector_code and s.status in (${quoted(DELIVERED_STATUSES)})` +
      ` join scenario_provider pr on pr.scenario_id = s.id${firmIn('pr.enterprise_id')} group by f.park_id, pr.enterprise_id)`,
  );
  const released = `lm.status in (${quoted(RELEASED_MODEL_STATUSES)})`;
  parts.push(
    `models as (select f.park_id, d.enterprise_id,` +
      ` count(distinct lm.id) filter (where ${released})::int as released, count(distinct lm.id) filter (where not ${released})::int as developing` +
      `${agg(`array_agg(distinct lm.name_zh) filter (where ${released}) as released_names, array_agg(distinct lm.name_zh) filter (where not ${released}) as developing_names`)}` +
      ` from focus f join large_model_sector ls on ls.sector_code = f.sector_code join large_model lm on lm.id = ls.large_model_id` +
      ` join large_model_developer d on d.large_model_id = lm.id${firmIn('d.enterprise_id')} group by f.park_id, d.enterprise_id)`,
  );
  parts.push(
    `district as (select sp.id as park_id, ep.enterprise_id, count(*)::int as n${agg('array_agg(p2.name_zh order by p2.id) as names')}` +
      ` from sp join park p2 on p2.district = sp.district and p2.id <> sp.id join enterprise_park ep on ep.park_id = p2.id${firmIn('ep.enterprise_id')}` +
      ` group by sp.id, ep.enterprise_id)`,
  );
  return { sql: parts.join(',\n'), bindings };
}

const SIGNAL_TABLES = ['fit', 'gap', 'demand', 'hosted', 'cohosted', 'delivered', 'models', 'district', 'segment'];

/** Joins every signal CTE to `pairs pr`. */
const SIGNAL_JOINS =
  ' left join nfocus nf on nf.park_id = pr.park_id' +
  SIGNAL_TABLES.map((t) => ` left join ${t} on ${t}.park_id = pr.park_id and ${t}.enterprise_id = pr.enterprise_id`).join('');

/**
 * The score of a pair `ps` (a row of pair_signals) in SQL: the same values, weights and
 * summation order as scorePair(), so ranking and reported score agree to the last bit.
 */
export function scoreExpression(weights: Weights): SqlFragment {
  const values: Record<string, string> = {
    SECTOR_FIT: 'coalesce(ps.fit::float8 / nf.n, 0)',
    CHAIN_GAP: 'coalesce(ps.gap::float8 / nf.n, 0)',
    SCENARIO_DEMAND: `least(1::float8, ps.demand::float8 / ${DEMAND_SATURATION})`,
    PLATFORM_TIES: `(case when ps.hosted > 0 then 1 when ps.cohosted > 0 then ${COHOST_TIE} else 0 end)::float8`,
    PROVEN_DELIVERY: `least(1::float8, ps.delivered::float8 / ${DELIVERY_SATURATION})`,
    LARGE_MODEL: `(case when ps.released > 0 then 1 when ps.developing > 0 then ${MODEL_IN_DEVELOPMENT} else 0 end)::float8`,
    SAME_DISTRICT: '(case when ps.district > 0 then 1 else 0 end)::float8',
    CHAIN_SEGMENT: `least(1::float8, ps.segment::float8 / ${SEGMENT_SATURATION})`,
  };
  const terms = SIGNALS.map((s) => `?::float8 * ${values[s]}`);
  // Starting from 0 like the JavaScript sum keeps the floating-point additions identical.
  return { sql: `(0::float8 + ${terms.join(' + ')})`, bindings: SIGNALS.map((s) => weights[s]) };
}

/**
 * The CTE chain (without `with`) ending in `scored`: one row per scored pair of the scope
 * (park_id, enterprise_id, score). Pairs with no positive signal are left out, and so are pairs
 * where the firm already sits in the park.
 */
export function scoredCtes(scope: MatchScope, weights: Weights): SqlFragment {
  if (scope.parkIds && !scope.enterpriseIds) return scoredCtesBySectorSet(scope.parkIds, weights, scope.provenanceKinds ?? null);
  const ctes = signalCtes(scope, false, weights.CHAIN_SEGMENT > 0);
  const score = scoreExpression(weights);
  // One row per signal row, then one hash aggregate per pair: cheaper than joining eight CTEs.
  const columns = ['fit', 'gap', 'demand', 'hosted', 'cohosted', 'delivered', 'released', 'developing', 'district', 'segment'];
  const select = (table: string, sources: Record<string, string>) =>
    `select park_id, enterprise_id, ${columns.map((c) => `${sources[c] ?? '0'} as ${c}`).join(', ')} from ${table}`;
  const union = [
    select('fit', { fit: 'n' }),
    select('gap', { gap: 'n' }),
    select('demand', { demand: 'n' }),
    select('hosted', { hosted: 'n' }),
    select('cohosted', { cohosted: 'n' }),
    select('delivered', { delivered: 'n' }),
    select('models', { released: 'released', developing: 'developing' }),
    select('district', { district: 'n' }),
    select('segment', { segment: 'n' }),
  ].join(' union all ');
  const sums = columns.map((c) => `sum(${c})::int as ${c}`).join(', ');
  const sql =
    `${ctes.sql},\n` +
    `signals as (${union}),\n` +
    `pair_signals as (select park_id, enterprise_id, ${sums} from signals group by park_id, enterprise_id),\n` +
    `scored as (select ps.park_id, ps.enterprise_id, ${score.sql} as score from pair_signals ps left join nfocus nf on nf.park_id = ps.park_id` +
    ` where not exists (select 1 from enterprise_park x where x.park_id = ps.park_id and x.enterprise_id = ps.enterprise_id))`;
  return { sql, bindings: [...ctes.bindings, ...score.bindings] };
}

/** Bit of each sector in a firm's sector-set mask (the contract fixes eight sectors: 256 sets). */
const SECTOR_BIT = `case sector_code ${SECTOR_CODES.map((c, i) => `when '${c}' then ${1 << i}`).join(' ')} else 0 end`;
const SECTOR_BITS = `(values ${SECTOR_CODES.map((c, i) => `('${c}', ${1 << i})`).join(', ')}) as b(code, bit)`;

/**
 * scoredCtes() for given parks against every firm, with the same `scored` rows, faster.
 *
 * The dense signals (sector fit, chain gap, scenario demand) depend only on the firm's set of
 * sectors and its layer, so they are computed once per (park, layer, sector set): at most
 * 3 × 256 rows per park. Each firm contributes one row (its sector-set mask, from one ordered pass
 * over enterprise_sector); its layer only matters when it serves a sector with a chain gap, and is
 * looked up only then. The sparse signals (platform ties, proven delivery, large model, same
 * district, missing chain-map segments, and open scenarios the firm already provides, which lower its demand) concern few
 * firms and come from the same CTEs as before; a full join adds them to the dense values. The
 * signal counts of each pair are the same integers as in the general chain, and the score is the
 * same expression, so scores agree to the last bit.
 */
function scoredCtesBySectorSet(parkIds: number[], weights: Weights, provenanceKinds: readonly string[] | null): SqlFragment {
  const ctes = signalCtes({ parkIds, enterpriseIds: null, provenanceKinds }, false, weights.CHAIN_SEGMENT > 0);
  const score = scoreExpression(weights);
  const masks = 1 << SECTOR_CODES.length;
  const layerValues = `(values ${LAYERS.map((l) => `('${l}')`).join(', ')}) as l(layer)`;
  const sparseColumns = ['provided', 'hosted', 'cohosted', 'delivered', 'released', 'developing', 'district', 'segment'];
  const sparseSelect = (table: string, sources: Record<string, string>) =>
    `select park_id, enterprise_id, ${sparseColumns.map((c) => `${sources[c] ?? '0'} as ${c}`).join(', ')} from ${table}`;
  const sparseUnion = [
    sparseSelect('provided', { provided: 'n' }),
    sparseSelect('hosted', { hosted: 'n' }),
    sparseSelect('cohosted', { cohosted: 'n' }),
    sparseSelect('delivered', { delivered: 'n' }),
    sparseSelect('models', { released: 'released', developing: 'developing' }),
    sparseSelect('district', { district: 'n' }),
    sparseSelect('segment', { segment: 'n' }),
  ].join(' union all ');
  const sql =
    `${ctes.sql},\n` +
    // Bits of the sectors with a chain gap in any park of the scope: only firms serving one need their layer.
    `gap_bits as (select coalesce(bit_or(b.bit), 0) as bits from missing m join ${SECTOR_BITS} on b.code = m.sector_code),\n` +
    `firm_mask as (select enterprise_id, bit_or(${SECTOR_BIT}) as mask from enterprise_sector group by enterprise_id),\n` +
    `firm_set as materialized (select fm.enterprise_id, fm.mask, case when fm.mask & (select bits from gap_bits) <> 0` +
    ` then x.layer else '${LAYERS[0]}' end as layer from firm_mask fm join enterprise x on x.id = fm.enterprise_id),\n` +
    `combo as (select sp.id as park_id, l.layer, m.mask, count(f.sector_code)::int as fit, count(mi.sector_code)::int as gap, coalesce(sum(o.n), 0)::int as demand` +
    ` from sp cross join generate_series(1, ${masks - 1}) as m(mask) cross join ${layerValues} join ${SECTOR_BITS} on m.mask & b.bit <> 0` +
    ` left join focus f on f.park_id = sp.id and f.sector_code = b.code` +
    ` left join missing mi on mi.park_id = sp.id and mi.sector_code = b.code and mi.layer = l.layer` +
    ` left join open_by_sector o on o.park_id = sp.id and o.sector_code = b.code` +
    ` group by sp.id, l.layer, m.mask having count(f.sector_code) > 0 or coalesce(sum(o.n), 0) > 0),\n` +
    `dense as (select c.park_id, fs.enterprise_id, c.fit, c.gap, c.demand from firm_set fs join combo c on c.mask = fs.mask and c.layer = fs.layer),\n` +
    `sparse as (select park_id, enterprise_id, ${sparseColumns.map((c) => `sum(${c})::int as ${c}`).join(', ')} from (${sparseUnion}) u group by park_id, enterprise_id),\n` +
    `pair_signals as (select coalesce(d.park_id, s.park_id) as park_id, coalesce(d.enterprise_id, s.enterprise_id) as enterprise_id,` +
    ` coalesce(d.fit, 0) as fit, coalesce(d.gap, 0) as gap, coalesce(d.demand, 0) - coalesce(s.provided, 0) as demand,` +
    ` coalesce(s.hosted, 0) as hosted, coalesce(s.cohosted, 0) as cohosted, coalesce(s.delivered, 0) as delivered,` +
    ` coalesce(s.released, 0) as released, coalesce(s.developing, 0) as developing, coalesce(s.district, 0) as district, coalesce(s.segment, 0) as segment` +
    ` from dense d full join sparse s on s.park_id = d.park_id and s.enterprise_id = d.enterprise_id),\n` +
    // Same pairs as the general chain: at least one positive signal, firm not already in the park.
    // The parks' own firms are few: one hash of them beats probing enterprise_park for every pair.
    `in_park as (select ep.park_id, ep.enterprise_id from enterprise_park ep join sp on sp.id = ep.park_id),\n` +
    `scored as (select ps.park_id, ps.enterprise_id, ${score.sql} as score from pair_signals ps left join nfocus nf on nf.park_id = ps.park_id` +
    ` left join in_park ip on ip.park_id = ps.park_id and ip.enterprise_id = ps.enterprise_id` +
    ` where (ps.fit > 0 or ps.gap > 0 or ps.demand > 0 or ps.hosted > 0 or ps.cohosted > 0 or ps.delivered > 0 or ps.released > 0 or ps.developing > 0 or ps.district > 0 or ps.segment > 0)` +
    ` and ip.enterprise_id is null)`;
  return { sql, bindings: [...ctes.bindings, ...score.bindings] };
}

/** A subquery (for `from (...) as sc`) over the scored pairs of the scope. */
export function scoredPairs(scope: MatchScope, weights: Weights): SqlFragment {
  const { sql, bindings } = scoredCtes(scope, weights);
  return { sql: `with ${sql}\nselect park_id, enterprise_id, score from scored`, bindings };
}

/** Which ranks of each candidate list to read: from a position onwards, or the last few. */
export type RankWindow = { offset: number; limit: number } | { fromEnd: number };

/**
 * Firms that would fill a missing layer of a focus sector of each park of `parkIds`, ranked per
 * (park, sector) by score then id, each with the size of the whole list. With an offset: rows
 * ranked offset+1 .. offset+limit+1 (one more than the page, to tell whether another page
 * follows) and the last row. From the end: the last fromEnd+1 rows (one more, to tell whether a
 * page precedes).
 */
export function gapCandidatesQuery(parkIds: number[], weights: Weights, window: RankWindow, provenanceKinds: readonly string[] | null = null): SqlFragment {
  const { sql, bindings } = scoredCtes({ parkIds, enterpriseIds: null, provenanceKinds }, weights);
  const kindScope = provenanceKinds ? ` and e.provenance_kind in (${placeholders(provenanceKinds.length)})` : '';
  return {
    sql:
      `with ${sql},\nranked as (select sc.park_id, m.sector_code, sc.enterprise_id, sc.score,` +
      ` row_number() over (partition by sc.park_id, m.sector_code order by sc.score desc, sc.enterprise_id)::int as position,` +
      ` count(*) over (partition by sc.park_id, m.sector_code)::int as total` +
      ` from scored sc join enterprise e on e.id = sc.enterprise_id${kindScope}` +
      ` join missing m on m.park_id = sc.park_id and m.layer = e.layer` +
      ` join enterprise_sector es on es.enterprise_id = sc.enterprise_id and es.sector_code = m.sector_code)\n` +
      // The last row of each list comes along too, so the total is known even past the end.
      `select park_id, sector_code, enterprise_id, score, position, total from ranked where ` +
      ('fromEnd' in window ? `position > total - ?` : `(position > ? and position <= ?) or position = total`) +
      ` order by park_id, sector_code, position`,
    bindings: [...bindings, ...(provenanceKinds ?? []), ...('fromEnd' in window ? [window.fromEnd + 1] : [window.offset, window.offset + window.limit + 1])],
  };
}

/**
 * Raw facts of the given pairs (every park × firm of the scope), with the names reasons quote.
 * Without `segments` (the segment signal weighs 0), the missing chain-map segments are left out.
 */
export function pairFactsQuery(scope: MatchScope, segments = true): SqlFragment {
  const ctes = signalCtes(scope, true, segments);
  const ids = scope.enterpriseIds ?? [];
  const sql =
    `with ${ctes.sql},\n` +
    `pairs as (select sp.id as park_id, e.id as enterprise_id from sp cross join enterprise e where e.id in (${placeholders(ids.length)}))\n` +
    `select pr.park_id, pr.enterprise_id, coalesce(nf.n, 0) as focus_count, sp.district, e.layer,` +
    ` fit.names as shared_sectors, gap.names as gap_sectors, demand.names as demand_scenarios, hosted.names as hosted_platforms,` +
    ` cohosted.names as cohosted_platforms, delivered.names as delivered_scenarios, models.released_names, models.developing_names,` +
    ` district.names as district_parks, segment.names as gap_segments` +
    ` from pairs pr join sp on sp.id = pr.park_id join enterprise e on e.id = pr.enterprise_id${SIGNAL_JOINS}`;
  return { sql, bindings: [...ctes.bindings, ...ids] };
}

/** Per focus sector of each park of the scope, the layers no firm of the park covers. */
export function missingLayersQuery(parkIds: number[], provenanceKinds: readonly string[] | null = null): SqlFragment {
  const ctes = signalCtes({ parkIds, enterpriseIds: null, provenanceKinds }, false, false);
  // Only sp, focus and missing are used; PostgreSQL never runs a CTE nothing refers to.
  return {
    sql:
      `with ${ctes.sql}\n` +
      `select f.park_id, f.sector_code, coalesce(array_agg(m.layer order by case m.layer ${LAYERS.map((l, i) => `when '${l}' then ${i}`).join(' ')} end) filter (where m.layer is not null), '{}') as layers` +
      ` from focus f join sector sec on sec.code = f.sector_code left join missing m on m.park_id = f.park_id and m.sector_code = f.sector_code` +
      ` group by f.park_id, f.sector_code, sec.position order by f.park_id, sec.position`,
    bindings: ctes.bindings,
  };
}
