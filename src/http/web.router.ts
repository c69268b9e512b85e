import fs from 'node:fs';
import path from 'node:path';
import express, { Request, Response, Router } from 'express';
import { projectRoot } from '../common/paths';

/** The visual pages and the explorer, by path; each is a static shell that calls /graphql. */
const PAGES: Record<string, string> = {
  '/explorer': 'explorer.html',
  '/explore/coverage': 'coverage.html',
  '/explore/graph': 'graph.html',
  '/explore/match': 'match.html',
  '/explore/enterprise': 'enterprise.html',
  '/explore/plan': 'plan.html',
  '/explore/leads': 'leads.html',
  '/explore/prospects': 'prospects.html',
};

/** Where `npm run build` (web/build.js) writes the bundled pages. */
export function publicDir(): string {
  return path.join(projectRoot(), 'dist/public');
}

/** A browser asking for the API URL itself (no query) gets the explorer; clients get GraphQL. */
export function wantsExplorer(req: Request): boolean {
  if (req.method !== 'GET' || Object.keys(req.query).length > 0) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * GraphiQL at /explorer (and at /graphql for browsers), the coverage, graph, match, firm and plan pages
 * under /explore, and their bundled assets under /assets: all same-origin, nothing from a CDN.
 */
export function webRouter(dir = publicDir()): Router {
  const router = Router();
  const send = (file: string) => (_req: Request, res: Response) => {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) {
      res.status(503).type('text/plain; charset=utf-8').send('页面尚未构建，请运行 npm run build。 The pages are not built: run `npm run build`.\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(full);
  };

  router.get('/graphql', (req, res, next) => (wantsExplorer(req) ? send('explorer.html')(req, res) : next()));
  for (const [route, file] of Object.entries(PAGES)) router.get(route, send(file));
  router.get('/explore', (_req, res) => res.redirect(302, '/explore/coverage'));
  router.use('/assets', express.static(path.join(dir, 'assets'), { index: false, maxAge: '1h' }));
  return router;
}
