/**
 * `npm run report:unanswered -- [--since 2026-11-01] [--json]`: the questions
 * officers asked that the handbook could not answer confidently, or whose
 * answer was rated not helpful, grouped and most asked first. Read this to
 * decide which entries to write next.
 */
import { existsSync } from 'node:fs';
import { printable } from '../src/cli/printable.ts';
import { CliError } from '../src/cli/cli-error.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { QuestionLog } from '../src/server/question-log.ts';

await runCli(
  {
    name: 'report:unanswered',
    summary:
      'Lists the questions officers asked that the handbook did not answer confidently, or whose answer was rated not helpful, most asked first. Questions are shown as typed, with control characters made visible and long ones cut.',
    options: {
      since: { type: 'string', description: 'only questions asked on or after this date (YYYY-MM-DD)' },
      json: { type: 'boolean', description: 'print the rows as JSON, questions in full' },
    },
    examples: ['npm run report:unanswered', 'npm run report:unanswered -- --since 2026-11-01', 'npm run report:unanswered -- --json'],
  },
  (values) => {
    const since = values['since'] as string | undefined;
    if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since))
      throw new CliError(`--since is "${printable(since, 40)}"; write a date as YYYY-MM-DD`);
    const file = loadConfig().questionLog;
    if (!existsSync(file)) {
      throw new Error(`no questions recorded yet: ${file} does not exist (it is created when the service answers its first question)`);
    }
    const log = new QuestionLog(file);
    let rows;
    try {
      rows = log.unanswered(since);
    } finally {
      log.close();
    }
    if (values['json']) console.log(JSON.stringify(rows));
    else if (rows.length === 0) console.log('Every recorded question was answered (and none was rated unhelpful).');
    else {
      console.log(`${rows.length} questions the handbook did not answer well${since ? ` since ${since}` : ''}:`);
      for (const r of rows) {
        console.log(
          `  ${String(r.times).padStart(3)}×  ${printable(r.example)}${r.unhelpful ? `  (${r.unhelpful} not helpful)` : ''}  — last ${r.lastAsked.slice(0, 10)}`,
        );
      }
    }
  },
);
