/**
 * `npm run eval`: measures retrieval and the answer decision on an evaluation set (format of ../shared/eval/README.md,
 * with `faq_id: null` for questions that must be refused and an optional `split`).
 */
import path from 'node:path';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { createEmbedder } from '../src/embeddings/create-embedder.ts';
import { datasetEntries, readEvalDataset } from '../src/evaluation/eval-dataset.ts';
import { computeMetrics } from '../src/evaluation/metrics.ts';
import { runQueries } from '../src/evaluation/run-eval.ts';
import { openEvalSearch } from '../src/evaluation/eval-search.ts';
import { handbookEntries, handbookGlossary } from '../src/service/question-index.ts';
import { CliError } from '../src/cli/cli-error.ts';

await runCli(
  {
    name: 'eval',
    summary: 'Measures retrieval (hit@1, hit@5, MRR@10) and the answer decision (answered right or wrong, refused) on an evaluation set.',
    options: {
      dataset: { type: 'string', description: 'the evaluation set (JSON, format of ../shared/eval/README.md)', required: true },
      handbook: { type: 'boolean', description: "ask the real handbook (entries and glossary) instead of the set's own FAQ items" },
      split: { type: 'string', description: 'only queries of this split: dev or test' },
      mode: { type: 'string', description: 'lexical (default), dense or hybrid; dense and hybrid need a model (HANDBOOK_MODEL_DIR)' },
      'leave-gold-out': {
        type: 'boolean',
        description: 'ask each in-scope query with its own entry left out: every answer is wrong, so this measures refusal',
      },
      limit: { type: 'string', description: 'only the first N queries' },
      json: { type: 'boolean', description: 'print the figures as one JSON line' },
      'no-cache': { type: 'boolean', description: 'build vectors in a temporary folder instead of .cache/eval' },
    },
    examples: [
      'npm run eval -- --handbook --dataset eval/officer-questions.json --split test --json',
      'npm run eval -- --dataset ../shared/eval/uit-vicov19qa.dev.json --leave-gold-out',
    ],
  },
  async (values, log) => {
    const mode = (values['mode'] as string | undefined) ?? 'lexical';
    if (!['lexical', 'dense', 'hybrid'].includes(mode)) throw new CliError(`--mode is "${mode}"; write lexical, dense or hybrid`);
    const split = values['split'] as string | undefined;
    if (split !== undefined && !['dev', 'test'].includes(split)) throw new CliError(`--split is "${split}"; write dev or test`);
    const limit = values['limit'] === undefined ? undefined : Number(values['limit']);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new CliError(`--limit is "${String(values['limit'])}"; write a whole number above 0`);

    const config = loadConfig();
    const file = values['dataset'] as string;
    const data = await readEvalDataset(file);
    const useHandbook = values['handbook'] === true;
    if (!useHandbook && data.faq.length === 0) throw new CliError(`${file} has no FAQ items; add --handbook to ask the handbook itself`);
    let queries = data.queries.filter((q) => split === undefined || q.split === split);
    if (limit) queries = queries.slice(0, limit);
    if (queries.length === 0) throw new CliError(`${file} has no ${split ?? ''} queries`);
    const datasetLang = data.meta.language === 'vi' || data.meta.language === 'en' ? data.meta.language : undefined;
    const entries = useHandbook ? await handbookEntries(config) : datasetEntries(data, datasetLang ?? 'vi');
    const glossary = useHandbook ? await handbookGlossary(config) : [];

    let embedder;
    if (mode !== 'lexical') {
      const loaded = await createEmbedder(config.model, log);
      if (!loaded.embedder)
        throw new CliError(
          `--mode ${mode} needs the embedding model: ${loaded.status.state === 'unavailable' ? loaded.status.reason : ''}`,
        );
      embedder = loaded.embedder;
    }
    const fusion = { ...config.retrieval, ...(mode === 'dense' ? { denseWeight: 1 } : {}) };
    log(
      `${data.meta.name ?? file}${split ? ` (${split})` : ''}: ${queries.length} queries against ${useHandbook ? 'the handbook' : 'its FAQ'} (${entries.length} entries), mode ${mode}${values['leave-gold-out'] ? ', gold left out' : ''}`,
    );
    const { search, close } = await openEvalSearch({
      name: useHandbook ? 'handbook' : path.basename(file, '.json'),
      entries,
      glossary,
      embedder,
      fusion,
      noCache: values['no-cache'] === true,
      log,
    });
    try {
      const { asked, msPerQuery } = await runQueries(search, queries, {
        lang: useHandbook ? undefined : datasetLang,
        leaveGoldOut: values['leave-gold-out'] === true,
      });
      const metrics = {
        ...computeMetrics(asked.map((a) => a.outcome)),
        msPerQuery,
        mode,
        split: split ?? null,
        leaveGoldOut: values['leave-gold-out'] === true,
      };
      if (values['json']) {
        console.log(JSON.stringify(metrics));
        return;
      }
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      if (metrics.nInScope > 0) {
        console.log(`ranking (${metrics.nInScope} in-scope): hit@1 ${metrics.hit1}  hit@5 ${metrics.hit5}  MRR@10 ${metrics.mrr10}`);
        console.log(
          `in scope: answered right ${pct(metrics.answeredRight)}, answered wrong ${pct(metrics.answeredWrong)}, refused ${pct(metrics.refusedInScope)}`,
        );
      }
      if (metrics.nOutOfScope > 0) {
        console.log(
          `out of scope (${metrics.nOutOfScope}${metrics.leaveGoldOut ? ', gold left out' : ''}): refused ${pct(metrics.outOfScopeRefused)} (of which "nothing in the handbook" ${pct(metrics.outOfScopeNoMatch)})`,
        );
      }
      console.log(`${msPerQuery} ms per query (${mode})`);
    } finally {
      await close();
    }
  },
);
