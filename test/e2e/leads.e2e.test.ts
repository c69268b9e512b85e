import { print } from 'graphql';
import iconv from 'iconv-lite';
import { createApiKey } from '../../src/modules/api-key/api-key.service';
import {
  AddLeadNoteDocument,
  AssignLeadDocument,
  AuditLogDocument,
  ChangesDocument,
  CloseLeadDocument,
  CreateLeadDocument,
  CreateWebhookSubscriptionDocument,
  DeleteEnterpriseDetachDocument,
  LeadFunnelDocument,
  LeadNodeDocument,
  LeadNodesDocument,
  LeadParkFirmIdsDocument,
  LeadsDocument,
  MoveLeadStageDocument,
  ParkGraphVerticesDocument,
  ReopenLeadDocument,
  SearchAnythingDocument,
  StaleLeadsDocument,
  UpdateLeadDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { describeTiming, pairedTiming, TIMING_MAX_SHARE } from '../helpers/paired-timing';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64url');
const typeOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[0];
const localOf = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);
type Headers = Record<string, string>;

/**
 * The confidential lead pipeline (issue 14): promoter keys scoped to parks, the stage machine,
 * LANDED joining the park, funnel and stale leads, the CSV export, and every confidentiality
 * rule: anonymous, reader, editor and other parks' promoters see nothing, anywhere.
 */
describe('招商 lead pipeline', () => {
  let server: TestServer;
  let parkA: number;
  let parkB: number;
  let parkC: number;
  let firms: Array<{ id: number; name_zh: string }>;
  let promoterA: Headers;
  let promoterA2: Headers;
  let promoterB: Headers;
  let reader: Headers;
  let editor: Headers;
  let admin: Headers;

  const promoterKey = async (name: string, parks: number[]): Promise<Headers> => {
    const { key } = await createApiKey(server.db.em(), name, 'promoter', parks);
    return { authorization: `Bearer ${key}` };
  };
  const leadCount = async () => Number((await server.sql<{ n: string }>('select count(*) as n from lead'))[0].n);
  const create = async (firm: number, park: number, headers: Headers, extra: Record<string, unknown> = {}) => {
    const res = await server.gql(CreateLeadDocument, { input: { enterpriseId: gid('Enterprise', firm), parkId: gid('Park', park), ...extra } }, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.createLead;
  };
  const move = async (id: string, expectedVersion: number, stage: string, headers: Headers, reason?: string) =>
    (await server.gql(MoveLeadStageDocument, { input: { id, expectedVersion, stage: stage as never, reason } }, headers)).data!.moveLeadStage;

  beforeAll(async () => {
    server = await startTestServer({ responseCache: true });
    [parkA, parkB, parkC] = (await server.sql<{ id: number }>('select id from park order by id limit 3')).map((r) => r.id);
    // Firms of no park among A, B, C: their joining is visible.
    firms = await server.sql<{ id: number; name_zh: string }>(
      'select id, name_zh from enterprise e where not exists (select 1 from enterprise_park ep where ep.enterprise_id = e.id and ep.park_id in ($1, $2, $3)) order by id limit 8',
      [parkA, parkB, parkC],
    );
    expect(firms.length).toBe(8);
    promoterA = await promoterKey('崂山区招商中心（测试）', [parkA, parkC]);
    promoterA2 = await promoterKey('崂山区招商中心二组（测试）', [parkA]);
    promoterB = await promoterKey('西海岸招商局（测试）', [parkB]);
    reader = (await createTestKey(server, 'reader', '镜像站')).headers;
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(() => server?.close());

  describe('promoter keys', () => {
    it('are created with their parks; a promoter key needs parks, other roles take none, and parks must exist', async () => {
      const em = server.db.em();
      const { summary } = await createApiKey(em, '两园区', 'promoter', [parkC, parkA]);
      expect(summary.parkIds).toEqual([parkA, parkC].sort((a, b) => a - b));
      await expect(createApiKey(em, '无园区', 'promoter', [])).rejects.toThrow(/--parks/);
      await expect(createApiKey(em, '编辑', 'editor', [parkA])).rejects.toThrow(/only promoter/);
      const before = Number((await server.sql<{ n: string }>('select count(*) as n from api_key'))[0].n);
      await expect(createApiKey(em, '不存在', 'promoter', [parkA, 999999])).rejects.toThrow(/999999/);
      expect(Number((await server.sql<{ n: string }>('select count(*) as n from api_key'))[0].n)).toBe(before);
    });
  });

  describe('the pipeline', () => {
    let lead: { id: string; version: number };

    it('creates a lead at LEAD with its first history entry, owner, figures, note and provenance', async () => {
      const res = await create(firms[0].id, parkA, promoterA, {
        ownerName: '王经理',
        expectedInvestment: 5000,
        expectedJobs: 120,
        nextAction: '电话接洽',
        nextActionDate: '2026-12-10',
        note: '行业协会推荐',
      });
      expect(res.userErrors).toEqual([]);
      const l = res.lead!;
      expect(l).toMatchObject({
        stage: 'LEAD',
        version: 1,
        ownerName: '王经理',
        expectedInvestment: 5000,
        expectedJobs: 120,
        nextActionDate: '2026-12-10',
        provenance: { kind: 'USER_ENTERED' },
        enterprise: { nameZh: firms[0].name_zh },
        park: { id: gid('Park', parkA) },
      });
      expect(l.history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'LEAD', by: '崂山区招商中心（测试）' })]);
      expect(l.notes).toEqual([{ body: '行业协会推荐', by: '崂山区招商中心（测试）' }]);
      lead = l;
    });

    it('refuses bad input with coded userErrors and writes nothing', async () => {
      const before = await leadCount();
      const missingFirm = await server.gql(CreateLeadDocument, { input: { enterpriseId: gid('Enterprise', 999999), parkId: gid('Park', parkA) } }, promoterA);
      expect(missingFirm.data!.createLead.userErrors).toEqual([expect.objectContaining({ field: ['input', 'enterpriseId'], code: 'NOT_FOUND' })]);
      const missingPark = await server.gql(
        CreateLeadDocument,
        { input: { enterpriseId: gid('Enterprise', firms[1].id), parkId: gid('Park', 999999) } },
        promoterA,
      );
      const otherPark = await server.gql(
        CreateLeadDocument,
        { input: { enterpriseId: gid('Enterprise', firms[1].id), parkId: gid('Park', parkB) } },
        promoterA,
      );
      expect(missingPark.data!.createLead.userErrors).toEqual([expect.objectContaining({ field: ['input', 'parkId'], code: 'NOT_FOUND' })]);
      // Another park's answer is word for word the missing park's.
      expect(otherPark.data!.createLead.userErrors).toEqual(missingPark.data!.createLead.userErrors);
      const figures = await server.gql(
        CreateLeadDocument,
        { input: { enterpriseId: gid('Enterprise', firms[1].id), parkId: gid('Park', parkA), expectedInvestment: -1, expectedJobs: -5 } },
        promoterA,
      );
      expect(figures.data!.createLead.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
        ['input.expectedInvestment', 'BAD_USER_INPUT'],
        ['input.expectedJobs', 'BAD_USER_INPUT'],
      ]);
      const duplicate = await server.gql(
        CreateLeadDocument,
        { input: { enterpriseId: gid('Enterprise', firms[0].id), parkId: gid('Park', parkA) } },
        promoterA,
      );
      expect(duplicate.data!.createLead.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', existingId: lead.id })]);
      expect(await leadCount()).toBe(before);
    });

    it('moves forward only: backwards, staying put and LOST without a reason are refused and change nothing', async () => {
      let res = await move(lead.id, 1, 'CONTACTED', promoterA);
      expect(res.userErrors).toEqual([]);
      res = await move(res.lead!.id, 2, 'VISITED', promoterA);
      expect(res.lead).toMatchObject({ stage: 'VISITED', version: 3 });
      const back = await move(lead.id, 3, 'LEAD', promoterA);
      expect(back.userErrors).toEqual([expect.objectContaining({ field: ['input', 'stage'], code: 'BAD_USER_INPUT' })]);
      expect((await move(lead.id, 3, 'VISITED', promoterA)).userErrors[0].message).toMatch(/already/);
      expect((await move(lead.id, 3, 'LOST', promoterA)).userErrors).toEqual([expect.objectContaining({ field: ['input', 'reason'] })]);
      const [row] = await server.sql<{ stage: string; version: number }>('select stage, version from lead where id = $1', [localOf(lead.id)]);
      expect(row).toEqual({ stage: 'VISITED', version: 3 });
      lead = { id: lead.id, version: 3 };
    });

    it('two promoters moving from the same version: one wins, the other gets CONFLICT with the current version', async () => {
      const [one, two] = await Promise.all([move(lead.id, 3, 'NEGOTIATING', promoterA), move(lead.id, 3, 'SIGNED', promoterA2)]);
      const results = [one, two];
      const won = results.filter((r) => r.userErrors.length === 0);
      const lost = results.filter((r) => r.userErrors.length > 0);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 4 });
      expect(won[0].lead!.history).toHaveLength(4);
      lead = { id: lead.id, version: 4 };
    });

    it('reaching LANDED makes the firm join the park in the same transaction, audited as a public link', async () => {
      const firmId = gid('Enterprise', firms[0].id);
      const before = (await server.gql(LeadParkFirmIdsDocument, { id: gid('Park', parkA) })).data!.node as {
        enterprises: { edges: Array<{ node: { id: string } }> };
      };
      expect(before.enterprises.edges.map((e) => e.node.id)).not.toContain(firmId);
      const res = await move(lead.id, lead.version, 'LANDED', promoterA2);
      expect(res.userErrors).toEqual([]);
      expect(res.lead!.history.at(-1)).toMatchObject({ toStage: 'LANDED', by: '崂山区招商中心二组（测试）' });
      const after = (await server.gql(LeadParkFirmIdsDocument, { id: gid('Park', parkA) })).data!.node as typeof before;
      expect(after.enterprises.edges.map((e) => e.node.id)).toContain(firmId);
      const links = await server.sql<{ record_type: string; changes: unknown }>(
        `select record_type, changes from audit_entry where action = 'LINK' and record_id in ($1, $2) order by id desc limit 2`,
        [firmId, gid('Park', parkA)],
      );
      expect(links.map((l) => l.record_type).sort()).toEqual(['Enterprise', 'Park']);
      expect(JSON.stringify(links)).not.toContain(lead.id);
      lead = { id: lead.id, version: res.lead!.version };
    });

    it('a firm from outside Qingdao that lands is then present here too (BOTH), headquarters kept, version bumped and audited', async () => {
      const [outside] = await server.sql<{ id: number; version: number; headquarters_city: string }>(
        `select id, version, headquarters_city from enterprise where presence = 'OUTSIDE'
           and not exists (select 1 from enterprise_park ep where ep.enterprise_id = enterprise.id and ep.park_id = $1) order by id limit 1`,
        [parkA],
      );
      expect(outside.headquarters_city).not.toBe('青岛市');
      const opened = (await create(outside.id, parkA, promoterA)).lead!;
      const landed = await move(opened.id, opened.version, 'LANDED', promoterA);
      expect(landed.userErrors).toEqual([]);
      const [firm] = await server.sql<{ presence: string; version: number; headquarters_city: string }>(
        'select presence, version, headquarters_city from enterprise where id = $1',
        [outside.id],
      );
      expect(firm).toEqual({ presence: 'BOTH', version: outside.version + 1, headquarters_city: outside.headquarters_city });
      const [audit] = await server.sql<{ changes: unknown }>(
        `select changes from audit_entry where action = 'UPDATE' and record_type = 'Enterprise' and record_id = $1 order by id desc limit 1`,
        [gid('Enterprise', outside.id)],
      );
      expect(audit.changes).toEqual({ presence: { before: 'OUTSIDE', after: 'BOTH' } });
      expect(JSON.stringify(audit)).not.toContain(opened.id);
    });

    it('a failure inside the move leaves neither the stage nor the park link behind', async () => {
      const fresh = (await create(firms[5].id, parkA, promoterA)).lead!;
      // A trigger that fails the history insert of this lead's LANDED move, after the link was written.
      const local = localOf(fresh.id);
      await server.sql(`create function lead_test_fail() returns trigger language plpgsql as $$ begin
        if new.to_stage = 'LANDED' and new.lead_id = ${local} then raise exception 'injected failure'; end if; return new; end $$`);
      await server.sql('create trigger lead_test_fail before insert on lead_stage_change for each row execute function lead_test_fail()');
      try {
        const res = await server.gql(MoveLeadStageDocument, { input: { id: fresh.id, expectedVersion: 1, stage: 'LANDED' } }, promoterA);
        expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await server.sql('drop trigger lead_test_fail on lead_stage_change');
        await server.sql('drop function lead_test_fail()');
      }
      expect(await server.sql('select stage, version from lead where id = $1', [local])).toEqual([{ stage: 'LEAD', version: 1 }]);
      expect(await server.sql('select 1 from enterprise_park where enterprise_id = $1 and park_id = $2', [firms[5].id, parkA])).toEqual([]);
    });

    it('assigns, updates, notes, closes and reopens, each with its version and an audit entry', async () => {
      const other = (await create(firms[1].id, parkA, promoterA)).lead!;
      const assigned = (await server.gql(AssignLeadDocument, { input: { id: other.id, expectedVersion: 1, ownerName: '李主任' } }, promoterA)).data!.assignLead;
      expect(assigned.lead).toMatchObject({ ownerName: '李主任', version: 2 });
      const stale = (await server.gql(AssignLeadDocument, { input: { id: other.id, expectedVersion: 1, ownerName: '赵' } }, promoterA)).data!.assignLead;
      expect(stale.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      const updated = (
        await server.gql(
          UpdateLeadDocument,
          { input: { id: other.id, expectedVersion: 2, expectedInvestment: 800, nextAction: '安排园区考察', nextActionDate: '2027-01-05' } },
          promoterA,
        )
      ).data!.updateLead;
      expect(updated.lead).toMatchObject({ expectedInvestment: 800, nextAction: '安排园区考察', nextActionDate: '2027-01-05', version: 3 });
      const noted = (await server.gql(AddLeadNoteDocument, { input: { id: other.id, expectedVersion: 3, body: '对方关注人才政策' } }, promoterA)).data!
        .addLeadNote;
      expect(noted.lead!.notes).toEqual([{ body: '对方关注人才政策', by: '崂山区招商中心（测试）' }]);
      const empty = (await server.gql(AddLeadNoteDocument, { input: { id: other.id, expectedVersion: 4, body: '   ' } }, promoterA)).data!.addLeadNote;
      expect(empty.userErrors[0]).toMatchObject({ field: ['input', 'body'], code: 'BAD_USER_INPUT' });
      const noReason = (await server.gql(CloseLeadDocument, { input: { id: other.id, expectedVersion: 4 } }, promoterA)).data!.closeLead;
      expect(noReason.userErrors[0]).toMatchObject({ field: ['input', 'reason'] });
      const closed = (await server.gql(CloseLeadDocument, { input: { id: other.id, expectedVersion: 4, reason: '选择了外省园区' } }, promoterA)).data!
        .closeLead;
      expect(closed.lead).toMatchObject({ stage: 'LOST', lostReason: '选择了外省园区', version: 5 });
      expect(closed.lead!.closedAt).not.toBeNull();
      expect((await move(other.id, 5, 'CONTACTED', promoterA)).userErrors[0].message).toMatch(/reopen/);
      const reopened = (await server.gql(ReopenLeadDocument, { input: { id: other.id, expectedVersion: 5, reason: '对方重新联系' } }, promoterA)).data!
        .reopenLead;
      expect(reopened.lead).toMatchObject({ stage: 'LEAD', closedAt: null, lostFromStage: null, version: 6 });
      const audit = (await server.gql(AuditLogDocument, { recordId: other.id, first: 20 }, admin)).data!.auditLog;
      expect(audit.edges.map((e) => e.node.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    });
  });

  describe('funnel and stale leads', () => {
    // Park C: four leads with a known history.
    let ids: number[];
    beforeAll(async () => {
      const made = [];
      for (const firm of firms.slice(2, 5).concat(firms[6])) made.push((await create(firm.id, parkC, promoterA, { expectedInvestment: 100 })).lead!);
      const [l1, l2, l3] = made;
      // l1: to LANDED; l2: to VISITED; l3: lost from CONTACTED; l4 stays at LEAD.
      let r = await move(l1.id, 1, 'SIGNED', promoterA);
      await move(l1.id, r.lead!.version, 'LANDED', promoterA);
      r = await move(l2.id, 1, 'CONTACTED', promoterA);
      await move(l2.id, r.lead!.version, 'VISITED', promoterA);
      r = await move(l3.id, 1, 'CONTACTED', promoterA);
      await move(l3.id, r.lead!.version, 'LOST', promoterA, '预算不足');
      ids = made.map((l) => localOf(l.id));
      // l2 entered LEAD 6 days ago, CONTACTED 4 days ago, VISITED 1 day ago; l4 has been at LEAD for 40 days untouched.
      await server.sql(
        `update lead_stage_change set at = now() - make_interval(days => case to_stage when 'LEAD' then 6 when 'CONTACTED' then 4 else 1 end) where lead_id = $1`,
        [ids[1]],
      );
      await server.sql(`update lead_stage_change set at = now() - interval '40 days' where lead_id = $1`, [ids[3]]);
      await server.sql(`update lead set last_activity_at = now() - interval '40 days', created_at = now() - interval '40 days' where id = $1`, [ids[3]]);
    });

    it('counts, reaches, converts and times each stage', async () => {
      const res = await server.gql(LeadFunnelDocument, { parkId: gid('Park', parkC) }, promoterA);
      expect(res.errors).toBeUndefined();
      const f = res.data!.leadFunnel;
      const byStage = Object.fromEntries(f.stages.map((s) => [s.stage, s]));
      expect(f.stages.map((s) => s.stage)).toEqual(['LEAD', 'CONTACTED', 'VISITED', 'NEGOTIATING', 'SIGNED', 'LANDED', 'IN_PRODUCTION', 'LOST']);
      expect(f.total).toBe(4);
      expect(f.expectedInvestment).toBe(300);
      expect(f.stages.map((s) => s.count)).toEqual([1, 0, 1, 0, 0, 1, 0, 1]);
      // Reaching a stage counts every earlier one as passed (l1 skipped from LEAD to SIGNED).
      expect(f.stages.map((s) => s.reached)).toEqual([4, 3, 2, 1, 1, 1, 0, 1]);
      expect(byStage.LEAD.conversionToNext).toBe(0.75);
      expect(byStage.CONTACTED.conversionToNext).toBeCloseTo(2 / 3);
      expect(byStage.VISITED.conversionToNext).toBe(0.5);
      expect(byStage.IN_PRODUCTION.conversionToNext).toBeNull();
      expect(byStage.LANDED.expectedInvestment).toBe(100);
      // Days at LEAD: l1 0, l2 2, l3 0, l4 40 (still there) → median 1.
      expect(byStage.LEAD.medianDays).toBe(1);
      // CONTACTED: l2 3 days, l3 0 → 1.5.
      expect(byStage.CONTACTED.medianDays).toBe(1.5);
      expect(byStage.LOST.medianDays).toBeNull();
    });

    it('narrows by sector and by creation date', async () => {
      const [sector] = await server.sql<{ sector_code: string }>(
        'select sector_code from enterprise_sector where enterprise_id = $1 order by sector_code limit 1',
        [firms[2].id],
      );
      const [{ n }] = await server.sql<{ n: string }>(
        'select count(*) as n from lead l where l.park_id = $1 and exists (select 1 from enterprise_sector es where es.enterprise_id = l.enterprise_id and es.sector_code = $2)',
        [parkC, sector.sector_code],
      );
      const bySector = await server.gql(LeadFunnelDocument, { parkId: gid('Park', parkC), sector: sector.sector_code as never }, promoterA);
      expect(bySector.data!.leadFunnel.total).toBe(Number(n));
      const today = new Date().toISOString().slice(0, 10);
      const recent = await server.gql(
        LeadFunnelDocument,
        { parkId: gid('Park', parkC), from: new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10), to: today },
        promoterA,
      );
      expect(recent.data!.leadFunnel.total).toBe(3);
      const backwards = await server.gql(LeadFunnelDocument, { parkId: gid('Park', parkC), from: today, to: '2020-01-01' }, promoterA);
      expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('lists open leads without activity for N days; lost, closed and recent leads are not stale', async () => {
      const res = await server.gql(StaleLeadsDocument, { days: 30, parkId: gid('Park', parkC) }, promoterA);
      expect(res.data!.staleLeads.edges.map((e) => e.node.id)).toEqual([gid('Lead', ids[3])]);
      expect((await server.gql(StaleLeadsDocument, { days: 50, parkId: gid('Park', parkC) }, promoterA)).data!.staleLeads.totalCount).toBe(0);
      expect((await server.gql(StaleLeadsDocument, { days: 0 }, promoterA)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      // Another park's promoter sees none of them.
      expect((await server.gql(StaleLeadsDocument, { days: 30 }, promoterB)).data!.staleLeads.totalCount).toBe(0);
    });
  });

  describe('confidentiality', () => {
    let leadId: string;
    const missing = gid('Lead', 999999);
    beforeAll(async () => {
      leadId = (await server.sql<{ id: number }>('select id from lead where park_id = $1 order by id limit 1', [parkA])).map((r) => gid('Lead', r.id))[0];
    });

    it('anonymous callers get UNAUTHENTICATED, reader and editor keys FORBIDDEN, for every lead query and mutation', async () => {
      for (const [headers, code] of [
        [{}, 'UNAUTHENTICATED'],
        [reader, 'FORBIDDEN'],
        [editor, 'FORBIDDEN'],
      ] as const) {
        const leads = await server.gql(LeadsDocument, { first: 5 }, headers);
        expect(leads.errors?.[0].extensions?.code).toBe(code);
        expect(leads.data ?? null).toBeNull();
        expect((await server.gql(LeadFunnelDocument, { parkId: gid('Park', parkA) }, headers)).errors?.[0].extensions?.code).toBe(code);
        expect((await server.gql(StaleLeadsDocument, { days: 1 }, headers)).errors?.[0].extensions?.code).toBe(code);
        const write = await server.gql(CreateLeadDocument, { input: { enterpriseId: gid('Enterprise', firms[7].id), parkId: gid('Park', parkA) } }, headers);
        expect(write.errors?.[0].extensions?.code).toBe(code);
      }
      expect(await server.sql('select 1 from lead where enterprise_id = $1', [firms[7].id])).toEqual([]);
    });

    it('node(id) and nodes(ids) answer a hidden lead exactly as a missing one', async () => {
      for (const headers of [{}, reader, editor, promoterB]) {
        const hidden = await server.gql(LeadNodeDocument, { id: leadId }, headers);
        const absent = await server.gql(LeadNodeDocument, { id: missing }, headers);
        expect(hidden.status).toBe(absent.status);
        expect(hidden.data).toEqual({ node: null });
        expect(hidden.errors).toEqual(absent.errors);
        expect(JSON.stringify(hidden.extensions ?? {}).replace(/"(remaining|used|resetAt)":[^,}]*/g, '')).toBe(
          JSON.stringify(absent.extensions ?? {}).replace(/"(remaining|used|resetAt)":[^,}]*/g, ''),
        );
        expect((await server.gql(LeadNodesDocument, { ids: [leadId, missing] }, headers)).data).toEqual({ nodes: [null, null] });
      }
      const own = await server.gql(LeadNodeDocument, { id: leadId }, promoterA);
      expect(own.data!.node).toMatchObject({ __typename: 'Lead', id: leadId });
      expect((await server.gql(LeadNodeDocument, { id: leadId }, admin)).data!.node).toMatchObject({ __typename: 'Lead' });
    });

    it('a promoter of another park reads nothing and changes nothing: the same answers as for a missing lead', async () => {
      const list = await server.gql(LeadsDocument, { first: 100 }, promoterB);
      expect(list.data!.leads.totalCount).toBe(0);
      expect((await server.gql(LeadsDocument, { parkId: gid('Park', parkA), first: 100 }, promoterB)).data!.leads.totalCount).toBe(0);
      const funnelHidden = await server.gql(LeadFunnelDocument, { parkId: gid('Park', parkA) }, promoterB);
      const funnelMissing = await server.gql(LeadFunnelDocument, { parkId: gid('Park', 999999) }, promoterB);
      expect(funnelHidden.data).toEqual(funnelMissing.data);
      expect(funnelHidden.data!.leadFunnel.total).toBe(0);
      const version = (await server.sql<{ version: number }>('select version from lead where id = $1', [localOf(leadId)]))[0].version;
      const hidden = await move(leadId, version, 'IN_PRODUCTION', promoterB);
      const absent = await move(missing, version, 'IN_PRODUCTION', promoterB);
      expect(hidden).toEqual(absent);
      expect(hidden.userErrors[0].code).toBe('NOT_FOUND');
      const note = await server.gql(AddLeadNoteDocument, { input: { id: leadId, expectedVersion: version, body: '窥探' } }, promoterB);
      expect(note.data!.addLeadNote.userErrors[0].code).toBe('NOT_FOUND');
      expect(await server.sql(`select 1 from lead_note where body = '窥探'`)).toEqual([]);
      // Admin sees every park's leads.
      const all = (await server.gql(LeadsDocument, { first: 100 }, admin)).data!.leads;
      expect(all.totalCount).toBe(Number((await server.sql<{ n: string }>('select count(*) as n from lead'))[0].n));
      const mine = (await server.gql(LeadsDocument, { first: 100 }, promoterA2)).data!.leads;
      expect(new Set(mine.edges.map((e) => e.node.park.id))).toEqual(new Set([gid('Park', parkA)]));
    });

    describe('a hidden lead costs the same time as a missing one', () => {
      /**
       * Headers that differ between any two requests: when, which request, the caller's budget so far
       * (whose digits also change the length; the bodies themselves are compared below).
       */
      const VOLATILE = /^(date|x-request-id|x-ratelimit-(remaining|used|reset)|content-length)$/;
      /** Status, the headers that must agree and the body, with the id asked for replaced by <id> and budget counters dropped. */
      const answer = async (res: Response, id: string) => {
        const headers = [...res.headers.entries()].filter(([name]) => !VOLATILE.test(name)).sort();
        const body = (await res.text())
          .split(id)
          .join('<id>')
          .replace(/"(remaining|used|resetAt)":[^,}]*/g, '');
        return { status: res.status, headers, body };
      };
      const post = (query: string, variables: Record<string, unknown>) => () =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...promoterB }, body: JSON.stringify({ query, variables }) });

      /**
       * Each path is asked for park A's lead (or park) and for a well-formed id nothing has, by park
       * B's promoter: the two answers agree byte for byte apart from the id, and the paired timing
       * (test/helpers/paired-timing.ts) finds no difference beyond a quarter of the noise. The test
       * fails when the hidden path does more work: with `await new Promise((r) => setTimeout(r, 15))`
       * added to loadLeadInScope when a row exists but lies outside the scope, a run on a loaded
       * machine failed nodes(ids) (median difference 19 ms, bound 11 ms); a separate existence check
       * before the scope check, or a slower error path, fails it the same way. Figures are printed
       * either way.
       */
      const paths = (): Array<{ label: string; hidden: () => Promise<Response>; absent: () => Promise<Response>; ids: [string, string] }> => [
        {
          label: 'node(id)',
          hidden: post(print(LeadNodeDocument), { id: leadId }),
          absent: post(print(LeadNodeDocument), { id: missing }),
          ids: [leadId, missing],
        },
        {
          label: 'nodes(ids)',
          hidden: post(print(LeadNodesDocument), { ids: [leadId] }),
          absent: post(print(LeadNodesDocument), { ids: [missing] }),
          ids: [leadId, missing],
        },
        {
          label: 'moveLeadStage',
          hidden: post(print(MoveLeadStageDocument), { input: { id: leadId, expectedVersion: 1, stage: 'IN_PRODUCTION' } }),
          absent: post(print(MoveLeadStageDocument), { input: { id: missing, expectedVersion: 1, stage: 'IN_PRODUCTION' } }),
          ids: [leadId, missing],
        },
        {
          label: 'CSV export',
          hidden: () => fetch(`${server.origin}/export/leads.csv?park=${gid('Park', parkA)}`, { headers: promoterB }),
          absent: () => fetch(`${server.origin}/export/leads.csv?park=${gid('Park', 999999)}`, { headers: promoterB }),
          ids: [gid('Park', parkA), gid('Park', 999999)],
        },
      ];

      it('the same status, headers and body, modulo the id', async () => {
        for (const path of paths()) {
          const hidden = await answer(await path.hidden(), path.ids[0]);
          const absent = await answer(await path.absent(), path.ids[1]);
          expect({ path: path.label, ...hidden }).toEqual({ path: path.label, ...absent });
        }
      });

      // One test per path, each a few hundred requests: under a minute on a loaded machine.
      for (const label of ['node(id)', 'nodes(ids)', 'moveLeadStage', 'CSV export']) {
        it(`the same time for ${label}: median of paired differences within a quarter of their spread`, async () => {
          const path = paths().find((p) => p.label === label)!;
          const before = await server.sql('select id, version, stage from lead order by id');
          const timing = await pairedTiming(
            async () => (await path.hidden()).arrayBuffer(),
            async () => (await path.absent()).arrayBuffer(),
          );
          const figures = describeTiming(`${label} (a = hidden, b = missing)`, timing);
          process.stdout.write(`${figures}\n`);
          // On failure the message carries the figures.
          expect(Math.abs(timing.medianDifference) <= TIMING_MAX_SHARE * timing.spread ? 'within bound' : figures).toBe('within bound');
          // Hundreds of refused requests later, no lead changed.
          expect(await server.sql('select id, version, stage from lead order by id')).toEqual(before);
        }, 240_000);
      }
    });

    it('leads are not in search, the relation graph, the graph export, the change feed or webhooks', async () => {
      const hits = (await server.gql(SearchAnythingDocument, { query: firms[0].name_zh }, promoterA)).data!.search;
      expect(hits.edges.map((e) => e.node.__typename)).not.toContain('Lead');
      const graph = (await server.gql(ParkGraphVerticesDocument, { parkId: gid('Park', parkA) }, admin)).data!.relationGraph;
      expect(graph.vertices.map((v) => typeOf(v.id))).not.toContain('Lead');
      const exported = await (await fetch(`${server.origin}/export/graph.json`, { headers: admin })).text();
      expect(exported).not.toContain(leadId);
      expect(exported).not.toContain('"Lead');
      for (const headers of [reader, editor, admin]) {
        const feed = (await server.gql(ChangesDocument, { first: 100 }, headers)).data!.changes;
        expect(feed.edges.map((e) => e.node.recordType)).not.toContain('Lead');
        expect(feed.edges.length).toBeGreaterThan(0);
        expect((await server.gql(ChangesDocument, { first: 1, types: ['Lead.*'] }, headers)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      const hook = await server.gql(
        CreateWebhookSubscriptionDocument,
        { input: { url: 'https://example.invalid/hook', eventTypes: ['Lead.*'], secret: 'a-secret-of-at-least-32-characters-long' } },
        admin,
      );
      expect(hook.data!.createWebhookSubscription.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
      // The audit trail (admin only) keeps the lead's entries; an editor cannot read it at all.
      expect((await server.gql(AuditLogDocument, { recordId: leadId, first: 5 }, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await server.gql(AuditLogDocument, { recordId: leadId, first: 5 }, admin)).data!.auditLog.totalCount).toBeGreaterThan(0);
    });

    it('lead answers never enter the response cache and say Cache-Control: private, no-store', async () => {
      for (const headers of [{}, promoterA]) {
        for (const doc of [LeadsDocument, LeadNodeDocument] as const) {
          const variables = doc === LeadsDocument ? { first: 5 } : { id: leadId };
          const first = await server.gql(doc as typeof LeadsDocument, variables as never, headers);
          const second = await server.gql(doc as typeof LeadsDocument, variables as never, headers);
          for (const res of [first, second]) {
            expect(res.headers.get('x-cache')).toBe('BYPASS');
            expect(res.headers.get('cache-control')).toBe('private, no-store');
          }
        }
      }
      // The same anonymous GET of a public record is cached, so the bypass above is the lead rule, not a cache that is off.
      const park = { id: gid('Park', parkA) };
      await server.gql(LeadParkFirmIdsDocument, park);
      expect((await server.gql(LeadParkFirmIdsDocument, park)).headers.get('x-cache')).toBe('HIT');
    });

    it('deleting a firm takes its leads with it, and the editor learns nothing about them', async () => {
      const lead = (await create(firms[7].id, parkA, promoterA)).lead!;
      const res = await server.gql(DeleteEnterpriseDetachDocument, { id: gid('Enterprise', firms[7].id), detach: true }, editor);
      expect(res.data!.deleteEnterprise).toEqual({ deletedId: gid('Enterprise', firms[7].id), userErrors: [] });
      expect(await server.sql('select 1 from lead where id = $1', [localOf(lead.id)])).toEqual([]);
      expect((await server.gql(LeadNodeDocument, { id: lead.id }, promoterA)).data).toEqual({ node: null });
      const [entry] = await server.sql<{ changes: unknown }>(`select changes from audit_entry where action = 'DELETE' and record_id = $1`, [
        gid('Enterprise', firms[7].id),
      ]);
      expect(JSON.stringify(entry.changes)).not.toMatch(/lead/i);
    });

    it('the compiled read path never serves a lead: node(id) of a lead runs on the resolvers', async () => {
      const own = await server.gql(LeadNodeDocument, { id: leadId }, promoterA);
      expect(own.headers.get('x-execution')).toBe('resolvers');
      const anonymous = await server.gql(LeadNodesDocument, { ids: [leadId, gid('Park', parkA)] });
      expect(anonymous.headers.get('x-execution')).toBe('resolvers');
      expect(anonymous.data!.nodes[0]).toBeNull();
      expect(anonymous.data!.nodes[1]).toMatchObject({ __typename: 'Park' });
    });
  });

  describe('CSV export', () => {
    const url = (query: string) => `${server.origin}/export/leads.csv?${query}`;

    it('gives a park’s leads as UTF-8 with BOM, or GB18030 on request, for a promoter of that park or an admin', async () => {
      const res = await fetch(url(`park=${gid('Park', parkA)}`), { headers: promoterA });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
      const count = Number((await server.sql<{ n: string }>('select count(*) as n from lead where park_id = $1', [parkA]))[0].n);
      expect(lines).toHaveLength(count + 1);
      expect(lines[0]).toMatch(/^线索ID Lead ID,企业 Firm,/);
      expect(lines.some((l) => l.includes(firms[0].name_zh) && l.includes('落地 LANDED'))).toBe(true);
      const gb = await fetch(url(`park=${gid('Park', parkA)}&encoding=gb18030`), { headers: admin });
      expect(gb.headers.get('content-type')).toBe('text/csv; charset=gb18030');
      const text = iconv.decode(Buffer.from(await gb.arrayBuffer()), 'gb18030');
      expect(text.split('\r\n').filter(Boolean)).toEqual(lines);
    });

    it('is guarded like the import route, and another park answers as a missing one', async () => {
      const park = `park=${gid('Park', parkA)}`;
      expect((await fetch(url(park))).status).toBe(401);
      expect((await fetch(url(park), { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
      expect((await fetch(url(park), { headers: reader })).status).toBe(403);
      expect((await fetch(url(park), { headers: editor })).status).toBe(403);
      const hidden = await fetch(url(park), { headers: promoterB });
      const absent = await fetch(url(`park=${gid('Park', 999999)}`), { headers: promoterB });
      expect(hidden.status).toBe(404);
      expect(absent.status).toBe(404);
      expect(await hidden.text()).toBe(await absent.text());
      expect((await fetch(url(`${park}&encoding=latin1`), { headers: promoterA })).status).toBe(400);
      expect((await fetch(url(`${park}&stage=LEAD`), { headers: promoterA })).status).toBe(400);
    });
  });
});
