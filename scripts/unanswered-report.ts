/**
 * `npm run report:unanswered -- [--since 2026-11-01] [--json]`: the questions
 * officers asked that the handbook could not answer confidently, or whose
 * answer was rated not helpful, grouped and most asked first. Read this to
 * decide which entries to write next.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { QuestionLog } from '../src/server/question-log.ts';

const { values } = parseArgs({ options: { since: { type: 'string' }, json: { type: 'boolean', default: false } } });
if (values.since && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
  console.error(`--since is "${values.since}"; write a date as YYYY-MM-DD`);
  process.exit(2);
}
const file = path.join(loadConfig().dataDir, 'questions.sqlite');
if (!existsSync(file)) {
  console.error(`no questions recorded yet: ${file} does not exist (it is created when the service answers its first question)`);
  process.exit(1);
}
const log = new QuestionLog(file);
const rows = log.unanswered(values.since);
log.close();
if (values.json) console.log(JSON.stringify(rows));
else if (rows.length === 0) console.log('Every recorded question was answered (and none was rated unhelpful).');
else {
  console.log(`${rows.length} questions the handbook did not answer well${values.since ? ` since ${values.since}` : ''}:`);
  for (const r of rows) console.log(`  ${String(r.times).padStart(3)}×  ${r.example}${r.unhelpful ? `  (${r.unhelpful} not helpful)` : ''}  — last ${r.lastAsked.slice(0, 10)}`);
}
