/**
 * Measures retrieval on a FAQ dataset (format of ../shared/eval/README.md):
 *   npm run eval -- --dataset ../shared/eval/stackfaq.dev.json [--mode lexical|dense|hybrid] [--json]
 * Builds a temporary index of the dataset's entries with the same pipeline as
 * the handbook, asks every query, and prints hit@1, hit@5, MRR@10, the
 * no-answer rate, n and ms per query. Vectors are cached under .cache/eval
 * (--no-cache builds in a temporary folder). Dense and hybrid need a model
 * (HANDBOOK_MODEL_DIR, or a download on a connected machine).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createEmbedder } from '../src/embeddings/create-embedder.ts';
import { datasetEntries, readEvalDataset } from '../src/evaluation/eval-dataset.ts';
import { computeMetrics, type QueryOutcome } from '../src/evaluation/metrics.ts';
import { buildIndex } from '../src/indexing/build-index.ts';
import { openSearch } from '../src/retrieval/open-search.ts';
import { detectLang } from '../src/text/detect-lang.ts';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string' },
    mode: { type: 'string', default: 'lexical' },
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
  },
});
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
if (!values.dataset) fail('give the dataset: npm run eval -- --dataset ../shared/eval/stackfaq.dev.json');
const mode = values.mode as string;
if (!['lexical', 'dense', 'hybrid'].includes(mode)) fail(`--mode is "${mode}"; write lexical, dense or hybrid`);
const log = (line: string) => console.error(line);

const config = loadConfig();
const data = await readEvalDataset(values.dataset!);
const lang = data.meta.language ?? detectLang(data.queries[0]!.query);
const queries = values.limit ? data.queries.slice(0, Number(values.limit)) : data.queries;
const entries = datasetEntries(data, lang);

let embedder;
if (mode !== 'lexical') {
  const loaded = await createEmbedder(config.model, log);
  if (!loaded.embedder) fail(`--mode ${mode} needs the embedding model: ${loaded.status.state === 'unavailable' ? loaded.status.reason : ''}`);
  embedder = loaded.embedder;
}
const fusion = { ...config.retrieval, ...(mode === 'dense' ? { denseWeight: 1 } : {}) };
// Vectors are kept per dataset and model, so a second run with other fusion settings embeds nothing again.
const dataDir = values['no-cache']
  ? await mkdtemp(path.join(tmpdir(), 'handbook-eval-'))
  : path.resolve('.cache/eval', path.basename(values.dataset!, '.json'), embedder ? embedder.model.id : 'lexical');
try {
  log(`${data.meta.name ?? values.dataset}: ${entries.length} entries, ${queries.length} queries, ${lang}, mode ${mode}`);
  const { dir } = await buildIndex({ dataDir, entries, embedder, log });
  const { search } = await openSearch(dir, fusion, embedder);
  const outcomes: QueryOutcome[] = [];
  const started = performance.now();
  for (const q of queries) {
    const out = await search.search({ question: q.query, lang, k: 10 });
    outcomes.push({
      ranked: out.results.map((r) => r.entry.id),
      relevant: new Set([q.faq_id, ...(q.relevant_faq_ids ?? [])]),
      answered: out.status === 'answered',
    });
  }
  const msPerQuery = Math.round(((performance.now() - started) / queries.length) * 100) / 100;
  const metrics = { ...computeMetrics(outcomes), msPerQuery, mode };
  if (values.json) console.log(JSON.stringify(metrics));
  else {
    console.log(`hit@1 ${metrics.hit1}  hit@5 ${metrics.hit5}  MRR@10 ${metrics.mrr10}  no-answer ${metrics.noAnswerRate}  n ${metrics.n}  ${msPerQuery} ms/query  (${mode})`);
  }
} finally {
  if (values['no-cache']) await rm(dataDir, { recursive: true, force: true });
}
