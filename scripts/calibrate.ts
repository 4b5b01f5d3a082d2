/**
 * `npm run calibrate`: how the answer threshold (HANDBOOK_ANSWER_THRESHOLD)
 * trades right answers against wrong ones and answered out-of-scope questions,
 * on the handbook's own aliases (leave-one-out) and eval/out-of-scope.json.
 * Lexical confidence only: no real model weights exist here to calibrate the dense side.
 */
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../src/config.ts';
import { handbookCalibrationPoints, thresholdTable } from '../src/evaluation/calibrate.ts';
import { handbookEntries } from '../src/service/question-index.ts';

const config = loadConfig();
const entries = await handbookEntries(config);
const outOfScope = JSON.parse(await readFile(new URL('../eval/out-of-scope.json', import.meta.url), 'utf8'));
const points = await handbookCalibrationPoints(entries, outOfScope, config.retrieval);
const inScope = points.filter((p) => p.inScope).length;
console.log(`${inScope} alias questions (leave-one-out), ${points.length - inScope} out-of-scope questions; current threshold ${config.retrieval.threshold}`);
console.log('threshold  right  wrong  out-of-scope answered  refused');
for (const r of thresholdTable(points)) {
  console.log(`${r.threshold.toFixed(2).padStart(9)}  ${String(r.rightAnswers).padStart(5)}  ${String(r.wrongAnswers).padStart(5)}  ${String(r.outOfScopeAnswered).padStart(21)}  ${String(r.refused).padStart(7)}`);
}
