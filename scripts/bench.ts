/**
 * `npm run bench`: speed and memory of the parts a user waits for, printed as a
 * table and, with --json, as one JSON object on the last line. Uses the model
 * in HANDBOOK_MODEL_DIR when set (e.g. ../shared/models/bench/e5-small-shape-random-v250k,
 * random weights of e5-small's exact shape: timings only, never quality).
 *   HANDBOOK_MODEL_DIR=../shared/models/bench/e5-small-shape-random-v250k npm run bench
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../src/config.ts';
import { createEmbedder } from '../src/embeddings/create-embedder.ts';
import { buildIndex } from '../src/indexing/build-index.ts';
import { openSearch } from '../src/retrieval/open-search.ts';
import { handbookEntries } from '../src/service/question-index.ts';
import { startService } from '../src/service/start-service.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const json = process.argv.includes('--json');
const results: Record<string, number | string> = {};
const say = (key: string, value: number | string, unit = '') => {
  results[key] = value;
  if (!json) console.log(`${key.padEnd(34)} ${value}${unit}`);
};
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};
async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  return total;
}

const work = await mkdtemp(path.join(tmpdir(), 'handbook-bench-'));
try {
  const config = loadConfig({ ...process.env, HANDBOOK_SITE_DIR: path.join(work, 'site'), HANDBOOK_DATA_DIR: path.join(work, 'data'), PORT: '0', HOST: '127.0.0.1' }, root);

  // 1. The site: pages and the Pagefind index.
  let t = performance.now();
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: root,
    env: { ...process.env, HANDBOOK_SITE_DIR: config.siteDir },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`astro build failed:\n${build.stderr}`);
  say('site build (astro + pagefind)', Math.round(performance.now() - t), ' ms');
  say('site pages', (await readdir(config.siteDir, { recursive: true })).filter((f) => String(f).endsWith('.html')).length);
  say('pagefind index size', mb(await dirSize(path.join(config.siteDir, 'pagefind'))), ' MB');

  // 2. The model and the question index.
  const entries = await handbookEntries(config);
  t = performance.now();
  await buildIndex({ dataDir: path.join(work, 'lexical'), entries, embedder: undefined });
  say('index build, keyword-only', Math.round(performance.now() - t), ' ms');
  const rssBefore = process.memoryUsage().rss;
  const { embedder, status } = await createEmbedder(config.model, () => {});
  say('model', status.state === 'loaded' ? `${status.info.id} (${status.info.dtype})` : `none: ${status.reason}`);
  if (status.state === 'loaded') {
    say('model load', status.loadMs, ' ms');
    say('RSS added by the model', mb(process.memoryUsage().rss - rssBefore), ' MB');
    t = performance.now();
    const { manifest } = await buildIndex({ dataDir: config.dataDir, entries, embedder });
    const ms = performance.now() - t;
    say('index build, full embedding', Math.round(ms), ' ms');
    say('passages embedded', manifest.counts.passages);
    say('embedding per passage', Math.round((ms / manifest.counts.passages) * 10) / 10, ' ms');
    t = performance.now();
    const again = await buildIndex({ dataDir: config.dataDir, entries, embedder });
    say('index rebuild, nothing changed', Math.round(performance.now() - t), ` ms (${again.manifest.counts.reused} reused)`);
  }

  // 3. Questions: the handbook's aliases plus out-of-scope questions, through the retriever and through HTTP.
  const outOfScope = JSON.parse(await readFile(path.join(root, 'eval/out-of-scope.json'), 'utf8')) as Record<'vi' | 'en', string[]>;
  const questions = [...entries.flatMap((e) => e.aliases.map((q) => ({ q, lang: e.lang }))), ...outOfScope.vi.map((q) => ({ q, lang: 'vi' as const }))];
  const { dir: lexDir } = await buildIndex({ dataDir: path.join(work, 'lexical2'), entries, embedder: undefined });
  const modes: [string, string, typeof embedder][] = [['lexical', lexDir, undefined]];
  if (embedder) modes.push(['hybrid', path.join(config.dataDir, 'indexes', (await readdir(path.join(config.dataDir, 'indexes'))).sort().at(-1)!), embedder]);
  for (const [mode, dir, emb] of modes) {
    const { search } = await openSearch(dir, config.retrieval, emb);
    await search.search({ question: 'khởi động', lang: 'vi', k: 5 });
    const times: number[] = [];
    for (const { q, lang } of questions) {
      const s = performance.now();
      await search.search({ question: q, lang, k: 5 });
      times.push(performance.now() - s);
    }
    say(`retrieval ${mode} p50 / p95 (n ${times.length})`, `${pct(times, 50)} / ${pct(times, 95)}`, ' ms');
  }
  // The rate limit would turn most of these into fast 429s; the bench measures answers.
  const service = await startService(
    { ...config, model: { ...config.model, enabled: Boolean(embedder) }, limits: { ...config.limits, perMinute: 1_000_000 } },
    () => {},
  );
  try {
    const times: number[] = [];
    for (const { q, lang } of questions) {
      const s = performance.now();
      const res = await fetch(`${service.url}api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q, lang }) });
      await res.json();
      if (!res.ok) throw new Error(`POST /api/ask answered ${res.status} for "${q}"`);
      times.push(performance.now() - s);
    }
    say(`POST /api/ask ${service.state().search.mode} p50 / p95`, `${pct(times, 50)} / ${pct(times, 95)}`, ' ms');
  } finally {
    await service.close();
  }
  say('peak RSS of this process', mb(process.resourceUsage().maxRSS * 1024), ' MB');
  if (json) console.log(JSON.stringify(results));
} finally {
  await rm(work, { recursive: true, force: true });
}
