import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { ProvenanceKind } from '../../common/provenance';
import type { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import type { SectorCode } from '../../modules/sector/sector-code.enum';
import { ExistingChainNode, ExistingPark, generateSynthetic, ParkRef, SyntheticDataSet, SyntheticOptions } from './generate';
import { searchColumns } from '../../common/search-text';

/** Number of synthetic records per table. */
export interface SyntheticCounts {
  parks: number;
  enterprises: number;
  platforms: number;
  scenarios: number;
  largeModels: number;
  institutions: number;
  nationalTasks: number;
  dataProducts: number;
  voucherPrograms: number;
  voucherGrants: number;
  designations: number;
  figures: number;
}

/** The table of each count, children before parents (the order removal takes). */
const COUNTED_TABLES: ReadonlyArray<readonly [keyof SyntheticCounts, string]> = [
  ['voucherGrants', 'compute_voucher_grant'],
  ['voucherPrograms', 'compute_voucher_program'],
  ['dataProducts', 'data_product'],
  ['nationalTasks', 'national_innovation_task'],
  ['designations', 'firm_designation'],
  ['figures', 'firm_figure'],
  ['largeModels', 'large_model'],
  ['scenarios', 'scenario'],
  ['platforms', 'innovation_platform'],
  ['institutions', 'institution'],
  ['enterprises', 'enterprise'],
  ['parks', 'park'],
];

export interface SyntheticLoadReport extends SyntheticCounts {
  /** Rows written to link tables (sectors, parks, chain nodes, hosts, providers, developers, winners). */
  links: number;
  /** Synthetic records removed first (with `replace`). */
  removed: SyntheticCounts | null;
  /** First and last id given to synthetic firms, for anything that must post-process them. */
  enterpriseIds: [number, number];
}

const ENTITY_BATCH = 5000;
const LINK_BATCH = 50000;
const SYNTHETIC = ProvenanceKind.SYNTHETIC;

/** How many SYNTHETIC records each table holds (one statement). */
export async function countSynthetic(em: SqlEntityManager): Promise<SyntheticCounts> {
  const [row] = (await em.execute(
    `select ${COUNTED_TABLES.map(([key, table]) => `(select count(*) from ${table} where provenance_kind = ?)::int as "${key}"`).join(', ')}`,
    COUNTED_TABLES.map(() => SYNTHETIC),
  )) as Array<Record<string, number>>;
  return Object.fromEntries(COUNTED_TABLES.map(([key]) => [key, Number(row[key])])) as unknown as SyntheticCounts;
}

/**
 * Deletes every SYNTHETIC record in one transaction; their links go with them (the link tables
 * cascade, and so do a firm's designations and figures), and records of other kinds that pointed
 * at a synthetic park lose that park.
 */
export async function removeSynthetic(em: SqlEntityManager): Promise<SyntheticCounts> {
  return em.transactional((tx) => removeIn(tx));
}

async function removeIn(tx: SqlEntityManager): Promise<SyntheticCounts> {
  // Children first, so nothing is set null only to be deleted a moment later; link tables cascade.
  const removed: Partial<SyntheticCounts> = {};
  for (const [key, table] of COUNTED_TABLES) {
    const [row] = (await tx.execute(`with d as (delete from ${table} where provenance_kind = ? returning 1) select count(*)::int as n from d`, [
      SYNTHETIC,
    ])) as Array<{ n: number }>;
    removed[key] = Number(row.n);
  }
  return removed as SyntheticCounts;
}

/**
 * Generates a synthetic data set (see {@link generateSynthetic}) and writes it in one transaction
 * with multi-row INSERT … SELECT FROM json_to_recordset statements of a few thousand rows each.
 * Columns are always listed, so columns other features add later (with defaults) are filled by
 * their defaults. Refuses when synthetic records exist, unless `replace` removes them first.
 */
export async function loadSynthetic(
  em: SqlEntityManager,
  options: SyntheticOptions,
  { replace = false, onProgress }: { replace?: boolean; onProgress?: (records: number, total: number) => void } = {},
): Promise<SyntheticLoadReport> {
  return em.transactional(async (tx) => {
    await tx.execute(`lock table ${COUNTED_TABLES.map(([, table]) => table).join(', ')} in share row exclusive mode`);
    const existing = await countSynthetic(tx);
    let removed: SyntheticCounts | null = null;
    if (Object.values(existing).some((n) => n > 0)) {
      if (!replace) {
        throw new SyntheticDataExistsError(
          `the database already holds synthetic records (${existing.enterprises} firms, ${existing.parks} parks); remove them first with --remove, or pass --replace`,
        );
      }
      removed = await removeIn(tx);
    }
    const parks = (await tx.execute(
      `select p.id, coalesce(array_agg(f.sector_code order by f.sector_code) filter (where f.sector_code is not null), '{}') as focus
         from park p left join park_focus_sector f on f.park_id = p.id group by p.id order by p.id`,
    )) as Array<{ id: number; focus: string[] | string }>;
    const existingParks: ExistingPark[] = parks.map((p) => ({ id: Number(p.id), focusSectors: parsePgArray(p.focus) as SectorCode[] }));
    // Firms are linked to segments and sub-segments, never to a layer root or a retired node.
    const nodes = (await tx.execute(`select id, layer, sector_code from chain_node where parent_id is not null and not retired order by id`)) as Array<{
      id: number;
      layer: ChainLayer;
      sector_code: SectorCode | null;
    }>;
    const chainNodes: ExistingChainNode[] = nodes.map((r) => ({ id: Number(r.id), layer: r.layer, sectorCode: r.sector_code }));
    const centers = (await tx.execute(`select id from compute_center where provenance_kind <> ? order by id`, [SYNTHETIC])) as Array<{ id: number }>;
    const data = generateSynthetic(options, existingParks, { chainNodes, computeCenters: centers.map((c) => Number(c.id)) });
    const total = [
      data.parks,
      data.enterprises,
      data.platforms,
      data.scenarios,
      data.largeModels,
      data.designations,
      data.figures,
      data.institutions,
      data.nationalTasks,
      data.dataProducts,
      data.voucherPrograms,
      data.voucherGrants,
    ].reduce((sum, list) => sum + list.length, 0);
    let done = 0;
    onProgress?.(0, total);
    const advance = (n: number) => onProgress?.((done += n), total);
    const report = await write(tx, data, advance, {
      source: `合成数据 Synthetic benchmark data (npm run seed:synthetic, seed ${options.seed}, ${options.enterprises} firms)`,
      note: 'Generated, not real: names come from syllable tables and mark themselves （合成）. Remove with npm run seed:synthetic -- --remove.',
    });
    return { ...report, removed };
  });
}

export class SyntheticDataExistsError extends Error {
  override readonly name = 'SyntheticDataExistsError';
}

/** PGlite returns text[] as an array; some drivers return the literal. */
function parsePgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

/** Synthetic records carry no verifiedAt: nobody checked them against anything. */
interface Provenance {
  source: string;
  note: string;
}

async function write(
  tx: SqlEntityManager,
  data: SyntheticDataSet,
  advance: (records: number) => void,
  prov: Provenance,
): Promise<Omit<SyntheticLoadReport, 'removed'>> {
  const nextId = async (table: string) => {
    const [row] = (await tx.execute(`select coalesce(max(id), 0)::int as m from ${table}`)) as Array<{ m: number }>;
    return Number(row.m) + 1;
  };
  const parkBase = await nextId('park');
  const firmBase = await nextId('enterprise');
  const platformBase = await nextId('innovation_platform');
  const scenarioBase = await nextId('scenario');
  const modelBase = await nextId('large_model');
  const parkId = (ref: ParkRef | null) => (ref === null ? null : 'existing' in ref ? ref.existing : parkBase + ref.synthetic);
  let links = 0;

  await insertRows(tx, prov, advance, { table: 'park', columns: PARK_COLUMNS, items: data.parks }, (p, i) => ({
    id: parkBase + i,
    name_zh: p.nameZh,
    name_en: p.nameEn,
    district: p.district,
    role: p.role,
    latitude: p.latitude,
    longitude: p.longitude,
    founded_year: p.foundedYear,
    description: '合成园区，仅用于性能测试。 Synthetic park for benchmarks; not a real park.',
    ...searchRow(p.nameZh, p.nameEn),
  }));
  links += await insertLinks(
    tx,
    'park_focus_sector',
    ['park_id', 'int'],
    ['sector_code', 'text'],
    data.parks.flatMap((p, i) => p.focusSectors.map((s) => [parkBase + i, s] as const)),
  );

  await insertRows(tx, prov, advance, { table: 'enterprise', columns: ENTERPRISE_COLUMNS, items: data.enterprises }, (e, i) => ({
    id: firmBase + i,
    name_zh: e.nameZh,
    name_en: e.nameEn,
    layer: e.layer,
    founded_year: e.foundedYear,
    summary: e.summary,
    ...searchRow(e.nameZh, e.nameEn),
  }));
  links += await insertLinks(
    tx,
    'enterprise_sector',
    ['enterprise_id', 'int'],
    ['sector_code', 'text'],
    data.enterprises.flatMap((e, i) => e.sectors.map((s) => [firmBase + i, s] as const)),
  );
  links += await insertLinks(
    tx,
    'enterprise_park',
    ['enterprise_id', 'int'],
    ['park_id', 'int'],
    data.enterprises.flatMap((e, i) => e.parks.map((p) => [firmBase + i, parkId(p)!] as const)),
  );

  await insertRows(tx, prov, advance, { table: 'innovation_platform', columns: PLATFORM_COLUMNS, items: data.platforms }, (p, i) => ({
    id: platformBase + i,
    name_zh: p.nameZh,
    name_en: p.nameEn,
    kind: p.kind,
    level: p.level,
    founded_year: p.foundedYear,
    park_id: parkId(p.park),
    ...searchRow(p.nameZh, p.nameEn),
  }));
  links += await insertLinks(
    tx,
    'platform_sector',
    ['platform_id', 'int'],
    ['sector_code', 'text'],
    data.platforms.flatMap((p, i) => p.sectors.map((s) => [platformBase + i, s] as const)),
  );
  links += await insertLinks(
    tx,
    'platform_host',
    ['platform_id', 'int'],
    ['enterprise_id', 'int'],
    data.platforms.flatMap((p, i) => p.hosts.map((h) => [platformBase + i, firmBase + h] as const)),
  );

  await insertRows(tx, prov, advance, { table: 'scenario', columns: SCENARIO_COLUMNS, items: data.scenarios }, (s, i) => ({
    id: scenarioBase + i,
    name_zh: s.nameZh,
    name_en: s.nameEn,
    sector_code: s.sector,
    status: s.status,
    year: s.year,
    park_id: parkId(s.park),
    ...searchRow(s.nameZh, s.nameEn),
  }));
  links += await insertLinks(
    tx,
    'scenario_provider',
    ['scenario_id', 'int'],
    ['enterprise_id', 'int'],
    data.scenarios.flatMap((s, i) => s.providers.map((f) => [scenarioBase + i, firmBase + f] as const)),
  );

  await insertRows(tx, prov, advance, { table: 'large_model', columns: MODEL_COLUMNS, items: data.largeModels }, (m, i) => ({
    id: modelBase + i,
    name_zh: m.nameZh,
    name_en: m.nameEn,
    domain: m.domain,
    status: m.status,
    released_year: m.releasedYear,
  }));
  links += await insertLinks(
    tx,
    'large_model_sector',
    ['large_model_id', 'int'],
    ['sector_code', 'text'],
    data.largeModels.flatMap((m, i) => m.sectors.map((s) => [modelBase + i, s] as const)),
  );
  links += await insertLinks(
    tx,
    'large_model_developer',
    ['large_model_id', 'int'],
    ['enterprise_id', 'int'],
    data.largeModels.flatMap((m, i) => m.developers.map((f) => [modelBase + i, firmBase + f] as const)),
  );

  links += await insertLinks(
    tx,
    'enterprise_chain_node',
    ['enterprise_id', 'int'],
    ['chain_node_id', 'int'],
    data.chainLinks.flatMap((nodes, i) => nodes.map((n) => [firmBase + i, n] as const)),
  );
  await insertRows(tx, prov, advance, { table: 'firm_designation', columns: DESIGNATION_COLUMNS, items: data.designations }, (d) => ({
    enterprise_id: firmBase + d.enterprise,
    kind: d.kind,
    level: d.level,
    year: d.year,
  }));
  await insertRows(tx, prov, advance, { table: 'firm_figure', columns: FIGURE_COLUMNS, items: data.figures }, (f) => ({
    enterprise_id: firmBase + f.enterprise,
    year: f.year,
    metric: f.metric,
    value: f.value,
  }));

  const institutionBase = await nextId('institution');
  await insertRows(tx, prov, advance, { table: 'institution', columns: INSTITUTION_COLUMNS, items: data.institutions }, (r, i) => ({
    id: institutionBase + i,
    name_zh: r.nameZh,
    name_en: r.nameEn,
    kind: r.kind,
    district: r.district,
    description: '合成高校院所，仅用于性能测试。 Synthetic institution for benchmarks; not a real one.',
    ...searchRow(r.nameZh, r.nameEn),
  }));
  links += await insertLinks(
    tx,
    'platform_institution_host',
    ['platform_id', 'int'],
    ['institution_id', 'int'],
    data.institutions.flatMap((r, i) => r.platforms.map((p) => [platformBase + p, institutionBase + i] as const)),
  );

  const taskBase = await nextId('national_innovation_task');
  await insertRows(tx, prov, advance, { table: 'national_innovation_task', columns: TASK_COLUMNS, items: data.nationalTasks }, (t, i) => ({
    id: taskBase + i,
    name_zh: t.nameZh,
    name_en: t.nameEn,
    issuer_zh: t.issuerZh,
    batch: t.batch,
    year: t.year,
    description: '合成任务，仅用于性能测试，不计入行动计划进度。 Synthetic task for benchmarks; never counts towards the plan.',
    ...searchRow(t.nameZh, t.nameEn),
  }));
  links += await insertLinks(
    tx,
    'national_task_enterprise_winner',
    ['task_id', 'int'],
    ['enterprise_id', 'int'],
    data.nationalTasks.flatMap((t, i) => t.enterpriseWinners.map((f) => [taskBase + i, firmBase + f] as const)),
  );
  links += await insertLinks(
    tx,
    'national_task_institution_winner',
    ['task_id', 'int'],
    ['institution_id', 'int'],
    data.nationalTasks.flatMap((t, i) => t.institutionWinners.map((r) => [taskBase + i, institutionBase + r] as const)),
  );

  const productBase = await nextId('data_product');
  await insertRows(tx, prov, advance, { table: 'data_product', columns: DATA_PRODUCT_COLUMNS, items: data.dataProducts }, (d, i) => ({
    id: productBase + i,
    name_zh: d.nameZh,
    name_en: d.nameEn,
    kind: d.kind,
    provider_id: firmBase + d.provider,
    exchange: d.exchange,
    listed_on: d.listedOn,
    description: '合成数据产品，仅用于性能测试。 Synthetic data product for benchmarks; not a real one.',
    ...searchRow(d.nameZh, d.nameEn),
  }));
  links += await insertLinks(
    tx,
    'data_product_sector',
    ['data_product_id', 'int'],
    ['sector_code', 'text'],
    data.dataProducts.flatMap((d, i) => d.sectors.map((s) => [productBase + i, s] as const)),
  );

  const programBase = await nextId('compute_voucher_program');
  await insertRows(tx, prov, advance, { table: 'compute_voucher_program', columns: PROGRAM_COLUMNS, items: data.voucherPrograms }, (p, i) => ({
    id: programBase + i,
    name_zh: p.nameZh,
    name_en: p.nameEn,
    year: p.year,
    issuer_zh: p.issuerZh,
    total_budget_yuan: p.totalBudgetYuan,
    rules: p.rules,
  }));
  await insertRows(tx, prov, advance, { table: 'compute_voucher_grant', columns: GRANT_COLUMNS, items: data.voucherGrants }, (g) => ({
    program_id: programBase + g.program,
    enterprise_id: firmBase + g.enterprise,
    compute_center_id: g.computeCenter,
    amount_yuan: g.amountYuan,
    granted_on: g.grantedOn,
  }));

  // Explicit ids were written: move each serial past them so later inserts do not collide.
  for (const table of [
    'park',
    'enterprise',
    'innovation_platform',
    'scenario',
    'large_model',
    'institution',
    'national_innovation_task',
    'data_product',
    'compute_voucher_program',
  ]) {
    await tx.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`);
  }
  // Fresh statistics, so the planner sees the new sizes right away.
  for (const table of [
    'park',
    'enterprise',
    'enterprise_sector',
    'enterprise_park',
    'enterprise_chain_node',
    'innovation_platform',
    'platform_sector',
    'scenario',
    'firm_designation',
    'firm_figure',
  ]) {
    await tx.execute(`analyze ${table}`);
  }
  return {
    parks: data.parks.length,
    enterprises: data.enterprises.length,
    platforms: data.platforms.length,
    scenarios: data.scenarios.length,
    largeModels: data.largeModels.length,
    institutions: data.institutions.length,
    nationalTasks: data.nationalTasks.length,
    dataProducts: data.dataProducts.length,
    voucherPrograms: data.voucherPrograms.length,
    voucherGrants: data.voucherGrants.length,
    designations: data.designations.length,
    figures: data.figures.length,
    links,
    enterpriseIds: [firmBase, firmBase + data.enterprises.length - 1],
  };
}

type Columns = ReadonlyArray<readonly [string, string]>;

/** The romanisation columns search needs, which raw inserts must fill (see src/common/search-text.ts). */
const SEARCH_COLUMNS: Columns = [
  ['search_text', 'text'],
  ['search_pinyin', 'text'],
  ['search_initials', 'text'],
  ['name_pinyin', 'text'],
];

function searchRow(nameZh: string, nameEn: string | null): Record<string, string> {
  const c = searchColumns(nameZh, nameEn);
  return { search_text: c.searchText, search_pinyin: c.searchPinyin, search_initials: c.searchInitials, name_pinyin: c.namePinyin };
}

const PARK_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['district', 'text'],
  ['role', 'text'],
  ['latitude', 'double precision'],
  ['longitude', 'double precision'],
  ['founded_year', 'int'],
  ['description', 'text'],
  ...SEARCH_COLUMNS,
];
const ENTERPRISE_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['layer', 'text'],
  ['founded_year', 'int'],
  ['summary', 'text'],
  ...SEARCH_COLUMNS,
];
const PLATFORM_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['kind', 'text'],
  ['level', 'text'],
  ['founded_year', 'int'],
  ['park_id', 'int'],
  ...SEARCH_COLUMNS,
];
const SCENARIO_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['sector_code', 'text'],
  ['status', 'text'],
  ['year', 'int'],
  ['park_id', 'int'],
  ...SEARCH_COLUMNS,
];
const DESIGNATION_COLUMNS: Columns = [
  ['enterprise_id', 'int'],
  ['kind', 'text'],
  ['level', 'text'],
  ['year', 'int'],
];
const FIGURE_COLUMNS: Columns = [
  ['enterprise_id', 'int'],
  ['year', 'int'],
  ['metric', 'text'],
  ['value', 'double precision'],
];
const INSTITUTION_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['kind', 'text'],
  ['district', 'text'],
  ['description', 'text'],
  ...SEARCH_COLUMNS,
];
const TASK_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['issuer_zh', 'text'],
  ['batch', 'text'],
  ['year', 'int'],
  ['description', 'text'],
  ...SEARCH_COLUMNS,
];
const DATA_PRODUCT_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['kind', 'text'],
  ['provider_id', 'int'],
  ['exchange', 'text'],
  ['listed_on', 'date'],
  ['description', 'text'],
  ...SEARCH_COLUMNS,
];
const PROGRAM_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['year', 'int'],
  ['issuer_zh', 'text'],
  ['total_budget_yuan', 'numeric'],
  ['rules', 'text'],
];
const GRANT_COLUMNS: Columns = [
  ['program_id', 'int'],
  ['enterprise_id', 'int'],
  ['compute_center_id', 'int'],
  ['amount_yuan', 'numeric'],
  ['granted_on', 'date'],
];
const MODEL_COLUMNS: Columns = [
  ['id', 'int'],
  ['name_zh', 'text'],
  ['name_en', 'text'],
  ['domain', 'text'],
  ['status', 'text'],
  ['released_year', 'int'],
];

/**
 * Multi-row insert: each batch is one statement reading its rows from one JSON parameter. Rows
 * are built batch by batch (romanising 100,000 names takes seconds), so the progress bar moves
 * while they are made instead of freezing before the first insert.
 */
async function insertRows<T>(
  tx: SqlEntityManager,
  prov: Provenance,
  advance: (records: number) => void,
  { table, columns, items }: { table: string; columns: Columns; items: readonly T[] },
  row: (item: T, index: number) => Record<string, unknown>,
): Promise<void> {
  const names = columns.map(([c]) => c).join(', ');
  const record = columns.map(([c, t]) => `${c} ${t}`).join(', ');
  const sql = `insert into ${table} (${names}, provenance_kind, provenance_source, provenance_verified_at, provenance_note)
    select ${names}, ?, ?, null, ? from json_to_recordset(?::json) as x(${record})`;
  for (let i = 0; i < items.length; i += ENTITY_BATCH) {
    const batch = items.slice(i, i + ENTITY_BATCH).map((item, j) => row(item, i + j));
    await tx.execute(sql, [SYNTHETIC, prov.source, prov.note, JSON.stringify(batch)]);
    advance(batch.length);
  }
}

/** Inserts pairs into a link table, a large batch per statement (two array parameters). */
async function insertLinks(
  tx: SqlEntityManager,
  table: string,
  [a, aType]: [string, 'int' | 'text'],
  [b, bType]: [string, 'int' | 'text'],
  pairs: ReadonlyArray<readonly [number | string, number | string]>,
): Promise<number> {
  // Array literals of ints and sector codes need no quoting; passed as one string each so the
  // query builder does not expand them into lists of parameters.
  const sql = `insert into ${table} (${a}, ${b}) select * from unnest(?::${aType}[], ?::${bType}[])`;
  for (let i = 0; i < pairs.length; i += LINK_BATCH) {
    const batch = pairs.slice(i, i + LINK_BATCH);
    await tx.execute(sql, [`{${batch.map((p) => p[0]).join(',')}}`, `{${batch.map((p) => p[1]).join(',')}}`]);
  }
  return pairs.length;
}
