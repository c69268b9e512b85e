import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import { createRoot } from 'react-dom/client';
import { Kind, parse } from 'graphql';
import 'graphiql/graphiql.css';
import './explorer.css';

const INTRO = `# 青岛人工智能产业生态目录 GraphQL API
# Qingdao AI-industry ecosystem directory: press ▶ to run, Ctrl+Space to complete,
# open the 文档 Docs panel (left) to browse every type and field.
query Sectors {
  sectors {
    code
    nameZh
    nameEn
  }
}
`;

/**
 * GraphiQL works out the operation name from the editor a moment after the text changes, so a
 * run started right after switching tabs can send the new tab's query with the old tab's name,
 * which the server rightly refuses. A name the document does not define is dropped when the
 * document has a single operation (the only one it can mean); otherwise it is sent as given.
 */
function settledOperationName(query: string, operationName: string | null | undefined): string | undefined {
  if (!operationName) return undefined;
  let names: Array<string | undefined>;
  try {
    names = parse(query)
      .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => (d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : undefined));
  } catch {
    return operationName; // the server reports the syntax error
  }
  return names.includes(operationName) || names.length !== 1 ? operationName : undefined;
}

/** Same-origin POST, as any client would send it; Apollo's CSRF guard accepts JSON bodies. */
const fetcher: Fetcher = async (params) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ ...params, operationName: settledOperationName(params.query, params.operationName) }),
  });
  const body = await res.json();
  showNotice(body?.extensions?.dataNotice ?? null);
  return body;
};

/**
 * The 示例数据 banner above the explorer while the last answer includes sample or synthetic
 * records (the API's extensions.dataNotice); the records themselves say so in their provenance.
 */
function showNotice(notice: { message: string; counts: Record<string, number> } | null): void {
  let banner = document.getElementById('sample-banner');
  if (!notice) {
    banner?.remove();
    return;
  }
  if (!banner) {
    banner = document.createElement('div');
    banner.id = 'sample-banner';
    banner.className = 'sample-banner';
    banner.setAttribute('role', 'note');
    document.body.prepend(banner);
  }
  const counts = Object.entries(notice.counts)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(' · ');
  banner.textContent = `示例数据 Sample data — ${notice.message} (${counts})`;
}

const examples = __CONTRACT_EXAMPLES__;
const tabs = examples.length ? examples.map((e) => ({ query: e.query, variables: e.variables })) : [{ query: INTRO }];

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} defaultTabs={tabs} visiblePlugin="Documentation Explorer" defaultEditorToolsVisibility="variables" shouldPersistHeaders={false}>
    <GraphiQL.Logo>
      <a href="/explore/coverage" className="qd-logo" title="打开图表页面 Open the visual pages">
        青岛AI生态 API
      </a>
    </GraphiQL.Logo>
  </GraphiQL>,
);
