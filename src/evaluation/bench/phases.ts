import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { createEmbedder } from '../../embeddings/create-embedder.ts';
import { buildIndex } from '../../indexing/build-index.ts';
import { readIndexFiles } from '../../indexing/index-files.ts';
import { GlossaryExpander } from '../../retrieval/glossary-expansion.ts';
import { keywordDocs } from '../../retrieval/keyword-docs.ts';
import { buildKeywordIndex, KeywordIndex } from '../../retrieval/keyword-index.ts';
import { KeywordSearch } from '../../retrieval/keyword-search.ts';
import { LexicalIndex } from '../../retrieval/lexical-index.ts';
import { readHandbook } from '../../service/question-index.ts';
import { startService } from '../../service/start-service.ts';
import { mb, percentile, round, type Figures } from './stats.ts';

/**
 * The measured phases of `npm run bench`, each run in its own child process (see bench-child.ts) so that its
 * peak memory is its own. They receive the environment the parent chose and read it through loadConfig only.
 */

/** What every phase is given. */
export interface PhaseContext {
  /** Environment for loadConfig: the bench's folders, port 0, rate limits out of the way. */
  env: Record<string, string | undefined>;
  root: string;
}

/** `npm run index` as a person runs it: read the handbook (every Markdown file), then build the question index. */
export async function indexPhase({ env, root }: PhaseContext, log: (line: string) => void): Promise<Figures> {
  const config = loadConfig(env, root);
  let t = performance.now();
  const { entries, glossary, sourceHash } = await readHandbook(config);
  const parseMs = performance.now() - t;
  const out: Figures = { 'index.parseMs': round(parseMs) };
  const { embedder, status } = await createEmbedder(config.model, log);
  if (status.state === 'loaded') out['model.loadMs'] = status.loadMs;
  t = performance.now();
  const { dir, manifest } = await buildIndex({ dataDir: config.dataDir, entries, glossary, embedder, sourceHash, log });
  out['index.buildMs'] = round(performance.now() - t);
  out['index.entries'] = manifest.counts.entries;
  out['index.passages'] = manifest.counts.passages;
  if (embedder) out['index.embedMsPerPassage'] = round((performance.now() - t) / Math.max(1, manifest.counts.embedded));
  out['index.sizeMb'] = mb(await dirSize(dir));
  return out;
}

/** A question and the id of the entry the engine ranked first, for comparing engines. */
export interface EngineArgs {
  indexDir: string;
  engine: 'keyword' | 'minisearch';
  questions: string[];
  /** Entries each search returns; the service asks the keyword engine for 50 candidates. */
  k: number;
  /** Stop asking after this long (MiniSearch at 10,000 entries takes seconds per question). */
  budgetMs: number;
}

/**
 * One keyword engine on the Vietnamese half of a built index: build time, memory it retains (after a full GC,
 * so the child runs with --expose-gc) and time per question. `keyword` is today's engine (KeywordIndex +
 * KeywordSearch, with the index's glossary), `minisearch` the engine it replaced (LexicalIndex, no glossary).
 */
export async function enginePhase(args: EngineArgs): Promise<{ figures: Figures; top: string[] }> {
  const { entries, glossary } = await readIndexFiles(args.indexDir);
  const vi = entries.filter((e) => e.lang === 'vi');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const used = async () => {
    // Freed typed arrays give their memory back in a task after the collection that found them (and a build
    // leaves many behind as its arrays grow): collect and let those tasks run, a few times.
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const before = await used();
  let t = performance.now();
  let search: (q: string) => string | undefined;
  if (args.engine === 'keyword') {
    const engine = new KeywordSearch(
      new KeywordIndex(buildKeywordIndex(keywordDocs(vi, 'vi'), 'vi')),
      new GlossaryExpander(glossary, 'vi'),
    );
    search = (q) => {
      const doc = engine.search(q, args.k).hits[0]?.doc;
      return doc === undefined ? undefined : vi[doc]!.id;
    };
  } else {
    const engine = new LexicalIndex(
      // The same text the keyword engine indexes (search phrases weigh as aliases), so the two rank the same entries.
      keywordDocs(vi, 'vi').map((d, i) => ({ id: String(i), ...d })),
      'vi',
    );
    search = (q) => {
      const id = engine.search(q, args.k)[0]?.id;
      return id === undefined ? undefined : vi[Number(id)]!.id;
    };
  }
  const buildMs = performance.now() - t;
  const retained = (await used()) - before;
  for (const q of args.questions.slice(0, 3)) search(q);
  const times: number[] = [];
  const top: string[] = [];
  const started = performance.now();
  for (const q of args.questions) {
    if (performance.now() - started > args.budgetMs && times.length >= 20) break;
    t = performance.now();
    top.push(search(q) ?? '');
    times.push(performance.now() - t);
  }
  const p = args.engine;
  return {
    figures: {
      [`${p}.buildMs`]: round(buildMs),
      [`${p}.retainedMb`]: mb(retained),
      [`${p}.p50Ms`]: percentile(times, 50),
      [`${p}.p95Ms`]: percentile(times, 95),
      [`${p}.queries`]: times.length,
    },
    top,
  };
}

/**
 * Starts the real service on an already-built index and keeps it serving until `stopped` resolves; the parent
 * sends the load and reads this process's memory from /proc. Returns how long the start took.
 */
export async function servePhase(
  { env, root }: PhaseContext,
  ready: (url: string, figures: Figures) => void,
  stopped: Promise<void>,
): Promise<Figures> {
  const config = loadConfig(env, root);
  const lines: string[] = [];
  const started = performance.now();
  const log = (line: string) => lines.push(`${Math.round(performance.now() - started)} ms: ${line}`);
  const service = await startService(config, log);
  const figures: Figures = {
    'start.ms': round(performance.now() - started),
    'start.rebuilt': lines.some((l) => l.includes('building the question index')) ? 'yes (the index was stale)' : 'no',
    mode: service.state().search.mode,
  };
  ready(service.url, { ...figures, 'start.log': lines.join('\n') });
  await stopped;
  await service.close();
  return figures;
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  return total;
}
