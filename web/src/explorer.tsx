import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import { createRoot } from 'react-dom/client';
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

/** Same-origin POST, as any client would send it; Apollo's CSRF guard accepts JSON bodies. */
const fetcher: Fetcher = async (params) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(params),
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
  const counts = Object.entries(notice.counts).map(([kind, n]) => `${kind} ${n}`).join(' · ');
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
