import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../config.ts';
import { GLOSSARY_FILE, loadGlossary } from '../../content/glossary.ts';
import { loadHandbook } from '../../content/load-handbook.ts';
import type { StoredEntry } from '../../indexing/handbook-documents.ts';
import { currentIndexDir } from '../../indexing/index-files.ts';
import { handbookEntries } from '../../service/question-index.ts';
import { createRandom } from '../seeded-random.ts';
import { writeSyntheticHandbook } from '../synthetic-handbook.ts';
import { loadTest } from './load-test.ts';
import { processMemory } from './process-monitor.ts';
import { PhaseError, runMeasured, runPhase, startPhase, tail } from './run-phase.ts';
import { combineRuns, mb, round, type Figures } from './stats.ts';

/** What `npm run bench` was asked for. */
export interface BenchOptions {
  /** Project root (where node_modules/astro lives). */
  root: string;
  /** The environment the bench runs in; the children get it with the bench's folders and limits on top. */
  env: Record<string, string | undefined>;
  /** Synthetic handbook of this many entries; the real handbook (HANDBOOK_DIR) when absent. */
  entries?: number | undefined;
  runs: number;
  /** Build the site too (once, whatever `runs` says). */
  site: boolean;
  /** Requests per concurrency level. */
  requests: number;
  seed: number;
  /** Longest any one phase may take. */
  timeoutMs: number;
  /** Write CPU profiles of the phase children here. */
  cpuProfDir?: string | undefined;
  /** Keep the work folder (synthetic handbook, indexes, logs) instead of removing it. */
  keep: boolean;
  log: (line: string) => void;
}

const CONCURRENCY = [1, 16] as const;
/** Time per engine per run for questions: MiniSearch at 10,000 entries takes seconds per question. */
const ENGINE_BUDGET_MS = 60_000;
/** Time per concurrency level for the HTTP load. */
const LOAD_BUDGET_MS = 300_000;

/**
 * Measures what a user waits for at a given handbook size: the index build (time, peak memory), the service's
 * start on a built index, `POST /api/ask` over real HTTP at concurrency 1 and 16 (latency percentiles,
 * throughput, errors, server memory), today's keyword engine beside the MiniSearch one it replaced on the same
 * entries, and optionally the site build. Each heavy phase runs in a child process of its own (peak memory per
 * phase); each run's figures come under stable keys, and runs are combined into median and min.
 */
export async function runBench(o: BenchOptions): Promise<ReturnType<typeof combineRuns> & { work: string }> {
  const config = loadConfig(o.env, o.root);
  const work = await mkdtemp(path.join(tmpdir(), 'handbook-bench-'));
  const logFile = path.join(work, 'bench.log');
  try {
    const first: Figures = {};
    let handbookDir = config.handbookDir;
    let entries: StoredEntry[];
    if (o.entries !== undefined) {
      const t = performance.now();
      handbookDir = path.join(work, 'handbook');
      const real = await loadHandbook({ dir: config.handbookDir });
      entries = await writeSyntheticHandbook(real.entries, handbookDir, { count: o.entries, seed: o.seed });
      await copyGlossaryTerms(config.handbookDir, handbookDir, new Set(real.byId.keys()));
      first['generate.ms'] = round(performance.now() - t);
      o.log(`synthetic handbook: ${entries.length} entries in ${handbookDir} (${first['generate.ms']} ms)`);
    } else entries = await handbookEntries(config);
    const questions = await askedQuestions(o.root, entries, o.requests, o.seed);
    const withModel = Boolean(config.model.dir) && config.model.enabled;
    const siteDir = path.join(work, 'site');
    await mkdir(siteDir, { recursive: true });
    // The service serves a site; the API does not need a real one.
    await writeFile(path.join(siteDir, 'index.html'), '<!doctype html><title>bench</title>');
    const envFor = (dataDir: string) => ({
      ...o.env,
      HANDBOOK_DIR: handbookDir,
      HANDBOOK_SITE_DIR: siteDir,
      HANDBOOK_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      HANDBOOK_MODEL: withModel ? 'on' : 'off',
      HANDBOOK_RATE_LIMIT: '1000000',
      HANDBOOK_RATE_LIMIT_GLOBAL: '10000000',
    });
    const profile = o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(o.cpuProfDir)}`] : [];
    const phase = (name: string) => ({
      logFile,
      timeoutMs: o.timeoutMs,
      execArgv: [...profile, ...(name === 'engine' ? ['--expose-gc'] : [])],
    });

    const runs: Figures[] = [];
    for (let r = 1; r <= o.runs; r++) {
      const figures: Figures = { entries: entries.length, mode: withModel ? 'hybrid' : 'lexical', ...(r === 1 ? first : {}) };
      const context = { env: envFor(path.join(work, `data-${r}`)), root: o.root };
      runs.push(figures);
      o.log(`run ${r}/${o.runs}: building the question index`);
      try {
        const index = await runPhase({ phase: 'index', context }, phase('index'));
        Object.assign(figures, index.figures, { 'index.peakRssMb': index.peakRssMb });
      } catch (e) {
        if (!(e instanceof PhaseError)) throw e;
        figures['index.error'] = e.message;
        o.log(e.message);
        break;
      }
      const indexDir = (await currentIndexDir(path.join(work, `data-${r}`)))!;

      const tops: Record<string, string[]> = {};
      for (const engine of ['keyword', 'minisearch'] as const) {
        o.log(`run ${r}/${o.runs}: ${engine} engine`);
        try {
          const res = await runPhase(
            { phase: 'engine', args: { indexDir, engine, questions, k: 50, budgetMs: ENGINE_BUDGET_MS } },
            phase('engine'),
          );
          Object.assign(figures, res.figures, { [`${engine}.peakRssMb`]: res.peakRssMb });
          tops[engine] = res.top ?? [];
        } catch (e) {
          if (!(e instanceof PhaseError)) throw e;
          figures[`${engine}.error`] = e.message;
          o.log(e.message);
        }
      }
      if (tops['keyword'] && tops['minisearch']) {
        const n = Math.min(tops['keyword'].length, tops['minisearch'].length);
        figures['engines.top1Agreement'] = round(
          tops['keyword'].slice(0, n).filter((id, i) => id === tops['minisearch']![i]).length / Math.max(1, n),
        );
      }

      o.log(`run ${r}/${o.runs}: starting the service and sending ${o.requests} questions at concurrency ${CONCURRENCY.join(' and ')}`);
      try {
        Object.assign(figures, await serveAndLoad(startPhase({ phase: 'serve', context }, phase('serve')), questions, o));
      } catch (e) {
        if (!(e instanceof PhaseError)) throw e;
        figures['serve.error'] = e.message;
        o.log(e.message);
      }
      await rm(path.join(work, `data-${r}`), { recursive: true, force: true }).catch(() => {});
    }
    if (o.site) Object.assign(runs[0]!, await buildSite(o, handbookDir, path.join(work, 'site-build'), logFile));
    return { ...combineRuns(runs), work };
  } catch (e) {
    throw new Error(`${(e as Error).message}\nlast lines of the bench log:\n${tail(logFile, 20)}`, { cause: e });
  } finally {
    if (!o.keep) await rm(work, { recursive: true, force: true });
  }
}

/** Starts the service phase, loads it at each concurrency, and reads its memory before stopping it. */
async function serveAndLoad(handle: ReturnType<typeof startPhase>, questions: string[], o: BenchOptions): Promise<Figures> {
  const figures: Figures = {};
  try {
    const { url, figures: start } = await handle.ready;
    const { 'start.log': startLog, ...rest } = start;
    Object.assign(figures, rest);
    o.log(`service started in ${rest['start.ms']} ms:\n${String(startLog)}`);
    // The machine is shared: the load average when the load starts says how far to trust the latencies.
    figures['ask.loadAvg1m'] = round(loadavg()[0]!);
    for (const concurrency of CONCURRENCY) {
      Object.assign(figures, await loadTest({ url, questions, concurrency, requests: o.requests, budgetMs: LOAD_BUDGET_MS }));
    }
    const memory = processMemory(handle.pid);
    if (memory) {
      figures['rssMb'] = mb(memory.rssKb * 1024);
      figures['server.peakRssMb'] = mb(memory.hwmKb * 1024);
    }
  } catch (e) {
    handle.stop();
    await handle.done.catch(() => {});
    throw e;
  }
  handle.stop();
  await handle.done;
  const top = CONCURRENCY.at(-1);
  for (const k of ['p50Ms', 'p95Ms', 'p99Ms', 'rps'])
    if (figures[`ask.c${top}.${k}`] !== undefined) figures[`ask.${k}`] = figures[`ask.c${top}.${k}`]!;
  figures['ask.errors'] = CONCURRENCY.reduce((n, c) => n + Number(figures[`ask.c${c}.errors`] ?? 0), 0);
  return figures;
}

/** `astro build` of the handbook into a folder of its own: time, peak memory of its process tree, pages. */
async function buildSite(o: BenchOptions, handbookDir: string, outDir: string, logFile: string): Promise<Figures> {
  o.log(`building the site (astro build) from ${handbookDir}`);
  const res = await runMeasured(process.execPath, [path.join(o.root, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: o.root,
    env: { ...o.env, HANDBOOK_DIR: handbookDir, HANDBOOK_SITE_DIR: outDir },
    logFile,
    timeoutMs: o.timeoutMs,
  });
  const figures: Figures = { 'site.buildMs': res.ms, 'site.peakRssMb': res.peakRssMb };
  if (res.code !== 0) {
    figures['site.error'] = res.timedOut
      ? `timed out after ${Math.round(res.ms / 1000)} s (peak ${res.peakRssMb} MB)`
      : `astro build exited with ${res.code}: ${tail(logFile, 6)}`;
    return figures;
  }
  const files = (await readdir(outDir, { recursive: true })).map(String);
  figures['site.pages'] = files.filter((f) => f.endsWith('.html')).length;
  return figures;
}

/**
 * The questions asked: the handbook's aliases (a seeded sample) and the Vietnamese out-of-scope questions of
 * eval/out-of-scope.json, shuffled; `count` in all.
 */
async function askedQuestions(root: string, entries: StoredEntry[], count: number, seed: number): Promise<string[]> {
  const outOfScope = (JSON.parse(await readFile(path.join(root, 'eval/out-of-scope.json'), 'utf8')) as { vi: string[] }).vi;
  const random = createRandom(seed + 1);
  const aliases = entries.flatMap((e) => e.aliases);
  const picked = [...outOfScope.slice(0, Math.ceil(count / 10))];
  while (picked.length < count && aliases.length > 0) picked.push(aliases[Math.floor(random() * aliases.length)]!);
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [picked[i], picked[j]] = [picked[j]!, picked[i]!];
  }
  return picked;
}

/** The real handbook's glossary terms, without their entry links (no synthetic entry has those ids). */
async function copyGlossaryTerms(from: string, to: string, ids: Set<string>) {
  if (!existsSync(path.join(from, GLOSSARY_FILE))) return;
  const terms = await loadGlossary(from, ids);
  await writeFile(path.join(to, GLOSSARY_FILE), stringify(terms.map((t) => ({ ...t, entries: [] }))));
}
