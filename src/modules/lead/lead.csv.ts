import iconv from 'iconv-lite';
import { IsolationLevel } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../common/auth';
import { toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
import { LeadStage, STAGE_ZH } from './lead-stage.enum';
import { leadScopeOf, scopeCondition } from './lead.scope';

/** The encodings the export offers: UTF-8 with a byte-order mark (Excel needs it to read UTF-8) or GB18030. */
export type CsvEncoding = 'utf-8' | 'gb18030';

const HEADER = [
  '线索ID Lead ID',
  '企业 Firm',
  '统一社会信用代码 Credit code',
  '园区 Park',
  '阶段 Stage',
  '负责人 Owner',
  '预计投资(万元) Expected investment (10k CNY)',
  '预计就业 Expected jobs',
  '下一步 Next action',
  '下一步日期 Next action date',
  '最近活动 Last activity',
  '创建时间 Created',
  '关闭时间 Closed',
  '流失原因 Lost reason',
];

interface ExportRow {
  id: number;
  firm: string;
  credit_code: string | null;
  park: string;
  stage: LeadStage;
  owner_name: string | null;
  expected_investment: number | string | null;
  expected_jobs: number | null;
  next_action: string | null;
  next_action_date: string | Date | null;
  last_activity_at: string | Date;
  created_at: string | Date;
  closed_at: string | Date | null;
  lost_reason: string | null;
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a cell a spreadsheet would read
 * as a formula (= + - @ at the start) gets a leading apostrophe, so an exported note cannot run.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const day = (v: string | Date | null) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const time = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

/**
 * The park's leads as a CSV file Excel opens: CRLF lines, UTF-8 with a BOM or GB18030. Null when
 * the park does not exist or lies outside the caller's scope (the two cannot be told apart).
 */
export async function exportParkLeads(em: SqlEntityManager, caller: Caller, parkId: number, encoding: CsvEncoding): Promise<Buffer | null> {
  // Both statements read one snapshot. The file is built in memory before a byte is sent, so the
  // transaction lasts as long as the reads, on the embedded database's one session too.
  const rows = await em.transactional((tx) => readParkLeads(tx, caller, parkId), { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  return rows && leadsCsv(rows, encoding);
}

async function readParkLeads(em: SqlEntityManager, caller: Caller, parkId: number): Promise<ExportRow[] | null> {
  const scope = leadScopeOf(caller);
  const park = await runSql(em, sql`select 1 as x from park p where p.id = ${parkId} and ${scopeCondition(scope, sql`p.id`)}`);
  if (!park.length) return null;
  return runSql<ExportRow>(
    em,
    sql`select l.id, e.name_zh as firm, e.credit_code, p.name_zh as park, l.stage, l.owner_name, l.expected_investment, l.expected_jobs,
               l.next_action, l.next_action_date, l.last_activity_at, l.created_at, l.closed_at, l.lost_reason
          from lead l join enterprise e on e.id = l.enterprise_id join park p on p.id = l.park_id
         where l.park_id = ${parkId} and ${scopeCondition(scope, sql`l.park_id`)}
         order by l.id`,
  );
}

function leadsCsv(rows: ExportRow[], encoding: CsvEncoding): Buffer {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(
      [
        toGlobalId('Lead', r.id),
        r.firm,
        r.credit_code,
        r.park,
        `${STAGE_ZH[r.stage]} ${r.stage}`,
        r.owner_name,
        r.expected_investment == null ? null : Number(r.expected_investment),
        r.expected_jobs,
        r.next_action,
        day(r.next_action_date),
        time(r.last_activity_at),
        time(r.created_at),
        time(r.closed_at),
        r.lost_reason,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  const text = `${lines.join('\r\n')}\r\n`;
  return encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
