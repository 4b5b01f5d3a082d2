/**
 * `npm run fit-decision`: fits the answer decision (src/retrieval/answer-model.json) on the dev half of
 * eval/officer-questions.json, asking the real handbook by keywords, and prints the dev figures.
 */
import { writeFile } from 'node:fs/promises';
import { CliError } from '../src/cli/cli-error.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { readEvalDataset } from '../src/evaluation/eval-dataset.ts';
import { crossValidate, fitDecision, thresholdTable } from '../src/evaluation/fit-decision.ts';
import { runQueries } from '../src/evaluation/run-eval.ts';
import { HandbookSearch } from '../src/retrieval/handbook-search.ts';
import { handbookEntries, handbookGlossary } from '../src/service/question-index.ts';

const MODEL_FILE = new URL('../src/retrieval/answer-model.json', import.meta.url);

await runCli(
  {
    name: 'fit-decision',
    summary:
      'Fits the answer decision (answer / not sure / nothing close) on the dev half of the officer questions and writes src/retrieval/answer-model.json. Report figures with npm run eval on the test half, never tune on it.',
    options: {
      dataset: { type: 'string', description: 'the question set (default eval/officer-questions.json)' },
      'dry-run': { type: 'boolean', description: 'print the fitted model without writing it' },
      folds: {
        type: 'string',
        description: 'also estimate the decision on held-out dev questions by N-fold cross-validation (5 shuffles)',
      },
    },
    examples: ['npm run fit-decision', 'npm run fit-decision -- --dry-run', 'npm run fit-decision -- --dry-run --folds 5'],
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
    const search = new HandbookSearch(await handbookEntries(config), config.retrieval, undefined, {
      glossary: await handbookGlossary(config),
    });
    log(`asking ${dev.length} dev questions of ${file} against the handbook (keywords)…`);
    const { asked } = await runQueries(search, dev);
    const { model, dev: figures } = fitDecision(asked);
    const json = {
      about:
        'Answer decision: logistic model over keyword signals (src/retrieval/answer-decision.ts). Written by npm run fit-decision; do not edit by hand.',
      command: 'npm run fit-decision',
      fittedOn: `${file} (split dev, ${dev.length} questions), ${new Date().toISOString().slice(0, 10)}`,
      dev: figures,
      ...model,
    };
    console.log(JSON.stringify(json, null, 2));
    console.log('\nOn the dev half (shares): threshold  right  wrong  out-of-scope answered');
    for (const r of thresholdTable(asked, model))
      console.log(`  ${r.threshold.toFixed(2)}  ${r.right.toFixed(3)}  ${r.wrong.toFixed(3)}  ${r.outOfScopeAnswered.toFixed(3)}`);
    if (folds !== undefined) {
      const held = crossValidate(asked, folds);
      console.log(
        `\nHeld out (${held.folds}-fold cross-validation on dev, ${held.repeats} shuffles; weights and threshold fitted on the other folds):`,
      );
      console.log(
        `  answered right ${pct(held.answeredRight)}, answered wrong ${pct(held.answeredWrong)}, out of scope refused ${pct(held.outOfScopeRefused)}`,
      );
    }
    if (!values['dry-run']) {
      await writeFile(MODEL_FILE, `${JSON.stringify(json, null, 2)}\n`);
      log('wrote src/retrieval/answer-model.json');
    }
  },
);

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
