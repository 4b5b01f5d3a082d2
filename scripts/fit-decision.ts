/**
 * `npm run fit-decision`: fits the answer decision (src/retrieval/answer-model.json) on the dev half of
 * eval/officer-questions.json, asking the real handbook by keywords, and prints the dev figures. With `--model`,
 * fits instead what the configured embedding model adds to it (answer-model.json `dense`), asking in hybrid mode.
 */
import { writeFile } from 'node:fs/promises';
import { CliError } from '../src/cli/cli-error.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { createEmbedder } from '../src/embeddings/create-embedder.ts';
import { readEvalDataset } from '../src/evaluation/eval-dataset.ts';
import { openEvalSearch } from '../src/evaluation/eval-search.ts';
import {
  calibrationDecider,
  crossValidate,
  fitDecision,
  fitDenseCalibration,
  thresholdTable,
  type DecisionFigures,
  type HeldOutFigures,
} from '../src/evaluation/fit-decision.ts';
import { runQueries } from '../src/evaluation/run-eval.ts';
import { DEFAULT_DECISION_MODEL } from '../src/retrieval/answer-decision.ts';
import { HandbookSearch } from '../src/retrieval/handbook-search.ts';
import { handbookEntries, handbookGlossary } from '../src/service/question-index.ts';

const MODEL_FILE = new URL('../src/retrieval/answer-model.json', import.meta.url);
const ABOUT =
  'Answer decision: logistic model over keyword signals (src/retrieval/answer-decision.ts) and, in `dense`, what one embedding model adds (src/retrieval/dense-calibration.ts). Written by npm run fit-decision; do not edit by hand.';

await runCli(
  {
    name: 'fit-decision',
    summary:
      'Fits the answer decision (answer / not sure / nothing close) on the dev half of the officer questions and writes src/retrieval/answer-model.json. Report figures with npm run eval on the test half, never tune on it.',
    options: {
      dataset: { type: 'string', description: 'the question set (default eval/officer-questions.json)' },
      model: {
        type: 'boolean',
        description:
          'calibrate for the embedding model configured by HANDBOOK_MODEL_DIR (or HANDBOOK_MODEL_ID): ask in hybrid mode and fit what its similarity adds; only with real weights',
      },
      'dry-run': { type: 'boolean', description: 'print the fitted model without writing it' },
      'no-cache': { type: 'boolean', description: 'with --model: build vectors in a temporary folder instead of .cache/eval' },
      folds: {
        type: 'string',
        description: 'also estimate the decision on held-out dev questions by N-fold cross-validation (5 shuffles)',
      },
    },
    examples: [
      'npm run fit-decision',
      'npm run fit-decision -- --dry-run --folds 5',
      'HANDBOOK_MODEL_DIR=/srv/models/multilingual-e5-small npm run fit-decision -- --model --folds 5',
    ],
  },
  async (values, log) => {
    const config = loadConfig();
    const file = (values['dataset'] as string | undefined) ?? 'eval/officer-questions.json';
    const foldsText = values['folds'] as string | undefined;
    const folds = foldsText === undefined ? undefined : Number(foldsText);
    if (folds !== undefined && (!Number.isInteger(folds) || folds < 2))
      throw new CliError(`--folds must be a whole number of at least 2 (for example --folds 5), not "${foldsText}"`);
    const data = await readEvalDataset(file);
    const dev = data.queries.filter((q) => q.split === 'dev');
    // The decision in use, as the service reads it (answer-model.json, with its record of how it was fitted).
    const current = DEFAULT_DECISION_MODEL;
    const entries = await handbookEntries(config);
    const glossary = await handbookGlossary(config);
    const fittedOn = `${file} (split dev, ${dev.length} questions), ${new Date().toISOString().slice(0, 10)}`;

    if (values['model']) {
      const loaded = await createEmbedder(config.model, log);
      if (!loaded.embedder)
        throw new CliError(`--model needs the embedding model: ${loaded.status.state === 'unavailable' ? loaded.status.reason : ''}`);
      const { embedder } = loaded;
      const { search, close } = await openEvalSearch({
        name: 'handbook',
        entries,
        glossary,
        embedder,
        fusion: config.retrieval,
        noCache: values['no-cache'] === true,
        log,
      });
      let asked;
      try {
        log(`asking ${dev.length} dev questions of ${file} against the handbook (hybrid, ${embedder.model.id} ${embedder.model.dtype})…`);
        asked = (await runQueries(search, dev)).asked;
      } finally {
        await close();
      }
      const fit = fitDenseCalibration(asked, current, embedder.model, `${fittedOn}, command: npm run fit-decision -- --model`);
      console.log(JSON.stringify({ dense: fit.calibration }, null, 2));
      console.log('\nOn the dev half, hybrid ranking:');
      printFigures('keyword decision alone', fit.keywordOnly);
      printFigures(`with ${embedder.model.id}'s similarity`, fit.dev);
      if (folds !== undefined)
        printHeldOut([
          ['keyword decision alone: ', crossValidate(asked, folds)],
          [`with ${embedder.model.id}'s similarity: `, crossValidate(asked, folds, 5, undefined, calibrationDecider)],
        ]);
      if (!values['dry-run']) {
        await writeFile(MODEL_FILE, `${JSON.stringify({ ...current, about: ABOUT, dense: fit.calibration }, null, 2)}\n`);
        log(`wrote the calibration for ${embedder.model.id} (${embedder.model.dtype}) into src/retrieval/answer-model.json`);
      }
      return;
    }

    const search = new HandbookSearch(entries, config.retrieval, undefined, { glossary });
    log(`asking ${dev.length} dev questions of ${file} against the handbook (keywords)…`);
    const { asked } = await runQueries(search, dev);
    const { model, dev: figures } = fitDecision(asked);
    const json = { about: ABOUT, command: 'npm run fit-decision', fittedOn, dev: figures, ...model };
    console.log(JSON.stringify(json, null, 2));
    console.log('\nOn the dev half (shares): threshold  right  wrong  out-of-scope answered');
    for (const r of thresholdTable(asked, model))
      console.log(`  ${r.threshold.toFixed(2)}  ${r.right.toFixed(3)}  ${r.wrong.toFixed(3)}  ${r.outOfScopeAnswered.toFixed(3)}`);
    if (folds !== undefined) printHeldOut([['', crossValidate(asked, folds)]]);
    if (!values['dry-run']) {
      await writeFile(MODEL_FILE, `${JSON.stringify(json, null, 2)}\n`);
      log('wrote src/retrieval/answer-model.json');
      // A calibration reads the keyword decision's probability: new keyword weights leave it meaningless.
      if (current.dense)
        log(
          `dropped the calibration for ${current.dense.model.id} (${current.dense.model.dtype}), fitted over the previous keyword weights; run npm run fit-decision -- --model with that model again`,
        );
    }
  },
);

function printFigures(label: string, f: DecisionFigures): void {
  console.log(
    `  ${label}: answered right ${pct(f.answeredRight)}, answered wrong ${pct(f.answeredWrong)}, out of scope refused ${pct(f.outOfScopeRefused)}`,
  );
}

function printHeldOut(rows: [label: string, held: HeldOutFigures][]): void {
  const [, first] = rows[0]!;
  console.log(
    `\nHeld out (${first.folds}-fold cross-validation on dev, ${first.repeats} shuffles; weights and threshold fitted on the other folds):`,
  );
  for (const [label, held] of rows)
    console.log(
      `  ${label}answered right ${pct(held.answeredRight)}, answered wrong ${pct(held.answeredWrong)}, out of scope refused ${pct(held.outOfScopeRefused)}`,
    );
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
