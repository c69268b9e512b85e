/** Shared helpers for the visual pages: GraphQL over HTTP, DOM building, messages in Chinese and English. */

export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export class RequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What the API's `extensions.dataNotice` says: records per provenance kind and one line in Chinese and English. */
export interface DataNotice {
  counts: Record<string, number>;
  unrealRecords: number;
  message: string;
}

/** An answer with the notice that came with it (null when every record is cited or user-entered). */
export async function gqlAnswer<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; notice: DataNotice | null }> {
  let notice: DataNotice | null = null;
  const data = await gql<T>(query, variables, (n) => (notice = n));
  return { data, notice };
}

/**
 * The 示例数据 banner for an answer that includes sample or synthetic records; null otherwise.
 * Pages put it above what they show, so nobody reads sample records as real ones.
 */
export function sampleBanner(notice: DataNotice | null, id = 'sample-banner'): HTMLElement | null {
  if (!notice) return null;
  return h(
    'div',
    { class: 'sample-banner', role: 'note', id, 'data-unreal': notice.unrealRecords },
    h('strong', {}, '示例数据 Sample data'),
    ' ',
    notice.message,
  );
}

/** The mark beside a record that is not real: 示例 (sample) or 合成 (synthetic); null for any other kind. */
export function sampleTag(kind: string | null | undefined): HTMLElement | null {
  if (kind === 'SAMPLE')
    return h('span', { class: 'tag sample', title: '示例数据：虚构，非真实机构 Sample data: invented, not a real organisation' }, '示例 sample');
  if (kind === 'SYNTHETIC') return h('span', { class: 'tag sample', title: '合成数据：自动生成 Synthetic data: generated' }, '合成 synthetic');
  return null;
}

/** Sends one operation to the public API, same origin; throws with the server's first error. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, onNotice?: (notice: DataNotice) => void): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new RequestError('无法连接服务器 Cannot reach the server.');
  }
  const body = (await res.json().catch(() => null)) as { data?: T | null; errors?: GraphQLError[]; extensions?: { dataNotice?: DataNotice } } | null;
  if (!body) throw new RequestError(`服务器返回 HTTP ${res.status} The server answered HTTP ${res.status}.`);
  if (body.errors?.length) throw new RequestError(body.errors[0].message, body.errors[0].extensions?.code);
  if (body.extensions?.dataNotice && onNotice) onNotice(body.extensions.dataNotice);
  return body.data as T;
}

/** Looks a record up by id: a malformed or unknown id (BAD_USER_INPUT, NOT_FOUND) gives null, not an error. */
export async function findNode<T>(query: string, variables: Record<string, unknown>): Promise<T | null> {
  try {
    return await gql<T>(query, variables);
  } catch (err) {
    if (err instanceof RequestError && (err.code === 'BAD_USER_INPUT' || err.code === 'NOT_FOUND')) return null;
    throw err;
  }
}

type Child = Node | string | number | null | undefined | false;

/** Creates an element: h('a', { href: '/x', class: 'y' }, 'text', child). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    // Through the CSSOM, not the attribute: a Content-Security-Policy without 'unsafe-inline' allows it.
    if (k === 'style') el.style.cssText = String(v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function param(name: string): string | null {
  const v = new URLSearchParams(location.search).get(name);
  return v && v.trim() ? v.trim() : null;
}

/** The page's main area, emptied and filled with the given content. */
export function show(...children: Child[]): HTMLElement {
  const main = document.getElementById('main')!;
  main.replaceChildren();
  for (const c of children) if (c !== null && c !== undefined && c !== false) main.append(c instanceof Node ? c : String(c));
  return main;
}

/** The readable answer to an unknown or missing id: 找不到… with what was asked for. */
export function notFound(whatZh: string, whatEn: string, id: string | null): HTMLElement {
  return h(
    'div',
    { class: 'notice not-found', role: 'alert' },
    h('h2', {}, id ? `找不到该${whatZh}` : `缺少${whatZh}编号`),
    h('p', {}, id ? `No ${whatEn} has the ID “${id.slice(0, 80)}”.` : `Give a ${whatEn} ID in the address, e.g. ?id=….`),
    h('p', {}, h('a', { href: '/explore/coverage' }, '返回覆盖矩阵 Back to the coverage matrix')),
  );
}

export function failure(err: unknown): HTMLElement {
  const message = err instanceof Error ? err.message : String(err);
  return h('div', { class: 'notice error', role: 'alert' }, h('h2', {}, '出错了 Something went wrong'), h('p', {}, message));
}

export function loading(): void {
  show(h('p', { class: 'loading' }, '加载中… Loading…'));
}

/** Runs a page's rendering; any failure becomes a readable message, never a blank page. */
export function run(render: () => Promise<void>): void {
  loading();
  render().catch((err) => show(failure(err)));
}

export const SECTOR_ZH: Record<string, string> = {
  INDUSTRIAL_MANUFACTURING: '工业制造',
  SMART_OCEAN: '智慧海洋',
  MODERN_AGRICULTURE: '现代农业',
  TRANSPORTATION: '交通运输',
  HEALTH_ELDERLY_CARE: '医养健康',
  SMART_EDUCATION: '智慧教育',
  CULTURE_TOURISM: '文化旅游',
  SOCIAL_GOVERNANCE: '社会治理',
};

export const LAYER_ZH: Record<string, string> = { FOUNDATION: '基础层', TECHNOLOGY: '技术层', APPLICATION: '应用层' };

export function link(href: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { href, ...attrs }, text);
}

export function qs(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}
