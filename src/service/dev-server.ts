import { watch } from 'node:fs';
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dev } from 'astro';
import type { Connect, Plugin } from 'vite';
import type { Config } from '../config.ts';
import { HandbookError } from '../content/entry-error.ts';
import { buildIndex } from '../indexing/build-index.ts';
import { currentIndexDir } from '../indexing/index-files.ts';
import { ASK_INDEX_DIR } from '../browser/browser-index.ts';
import { HANDBOOK_RELOAD } from '../site/handbook-loader.ts';
import { coalesce } from './coalesce.ts';
import { readHandbook } from './question-index.ts';
import { startService, type RunningService } from './start-service.ts';

/** A running editors' server: the site with live reload, and the question API. */
export interface DevService {
  url: string;
  api: RunningService;
  close: () => Promise<void>;
}

/**
 * Serves the browser question index (`/ask-index/…`) from the index the API is serving, so search and the Ask
 * fallback work in the dev server as on the built site; and reloads the browser when the handbook loader reports
 * a broken edit, so the message shows without a manual reload.
 */
function handbookDevPlugin(dataDir: string, apiUrl: string): Plugin {
  /** /api goes to the question API. */
  const api: Connect.SimpleHandleFunction = (req, res) => {
    const target = new URL(`/api${req.url ?? ''}`, apiUrl);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'api_unavailable', message: 'the question API of npm run dev is not answering; see its terminal' },
        }),
      );
    });
    req.pipe(upstream);
  };
  /** /ask-index/… from the index the API serves. */
  const askIndex: Connect.NextHandleFunction = (req, res, next) => {
    // The page asks for the build's gzipped file names; the API's index holds the same files unpacked, and the page
    // reads unpacked bytes as well (browser-index.ts).
    const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname).replace(/\.gz$/, '');
    if (!/^[\w.-]+\.(json|bin)$/.test(name)) return next();
    void (async () => {
      try {
        const dir = await currentIndexDir(dataDir);
        if (!dir) return next();
        res.setHeader('content-type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.setHeader('cache-control', 'no-store');
        res.end(await readFile(path.join(dir, name)));
      } catch {
        next();
      }
    })();
  };
  return {
    name: 'handbook-dev',
    enforce: 'post',
    configureServer(server) {
      (globalThis as Record<symbol, unknown>)[HANDBOOK_RELOAD] = () => server.ws.send({ type: 'full-reload' });
      // After Astro's own middleware is in place (its trailing-slash rule would answer /api/ask with a 404 page),
      // put these two in front of it.
      return () => {
        server.middlewares.stack.unshift({ route: '/api', handle: api }, { route: `/${ASK_INDEX_DIR}`, handle: askIndex });
      };
    },
  };
}

/**
 * `npm run dev`: the question API on a port of its own, the Astro dev server on PORT passing `/api` to it, and a
 * watcher that rebuilds the question index when an entry or the glossary changes. Astro's content loader reloads
 * the pages of the changed entry; a broken edit is printed (file:line) and shown on the pages while the last good
 * version keeps serving, for the site and for Ask alike.
 */
export async function startDevService(root: string, config: Config, log: (line: string) => void): Promise<DevService> {
  // Keyword answers only: an edit is askable in about a second, without re-embedding (npm start uses the model).
  const api = await startService({ ...config, port: 0, host: '127.0.0.1', model: { ...config.model, enabled: false } }, log, {
    pretty: true,
  });
  const rebuild = coalesce(async () => {
    const started = performance.now();
    try {
      const { entries, glossary } = await readHandbook(config);
      await buildIndex({ dataDir: config.dataDir, entries, glossary, embedder: undefined });
      log(`question index rebuilt in ${Math.round(performance.now() - started)} ms; Ask answers from it within a second`);
    } catch (e) {
      log(
        e instanceof HandbookError
          ? `${e.message}\nAsk keeps answering from the last good version.`
          : `the question index was not rebuilt: ${(e as Error).message}`,
      );
    }
  }, 150);
  const watcher = watch(config.handbookDir, { recursive: true }, (_event, file) => {
    if (file && /\.(md|ya?ml)$/.test(file)) rebuild.schedule();
  });
  const site = await dev({
    root,
    logLevel: 'info',
    server: { port: config.port, host: config.host },
    vite: { plugins: [handbookDevPlugin(config.dataDir, api.url)] },
  });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${site.address.port}/`;
  return {
    url,
    api,
    close: async () => {
      watcher.close();
      await rebuild.idle();
      await site.stop();
      await api.close();
    },
  };
}
