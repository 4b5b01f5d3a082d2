/**
 * `npm run new-entry`: writes a draft entry with valid frontmatter and the standard sections.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scaffoldEntry } from '../src/authoring/scaffold-entry.ts';
import { CliError } from '../src/cli/cli-error.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { loadHandbook } from '../src/content/load-handbook.ts';
import { TOPIC_KEYS, type Lang, type Topic } from '../src/content/topics.ts';
import { foldDiacritics } from '../src/text/fold.ts';

await runCli(
  {
    name: 'new-entry',
    summary:
      'Writes a draft entry (status: draft) with valid frontmatter, today’s date and the standard sections to fill in. Refuses a question the handbook already has.',
    options: {
      topic: { type: 'string', description: `the topic: ${TOPIC_KEYS.join(', ')}`, required: true },
      question: { type: 'string', description: 'the question officers ask, in quotes', required: true },
      lang: { type: 'string', description: 'vi (default) or en' },
      id: { type: 'string', description: 'for an English translation: the id of the Vietnamese entry' },
    },
    examples: [
      'npm run new-entry -- --topic civil-status --question "Đăng ký giám hộ cần giấy tờ gì?"',
      'npm run new-entry -- --lang en --id dang-ky-giam-ho --topic civil-status --question "What is needed to register a guardianship?"',
    ],
  },
  async (values) => {
    const lang = (values['lang'] as string | undefined) ?? 'vi';
    const topic = values['topic'] as string;
    const question = (values['question'] as string).trim();
    const id = values['id'] as string | undefined;
    if (lang !== 'vi' && lang !== 'en') throw new CliError(`--lang is "${lang}"; write vi or en`);
    if (!TOPIC_KEYS.includes(topic as Topic)) throw new CliError(`--topic is "${topic}"; write one of: ${TOPIC_KEYS.join(', ')}`);
    if (question.length < 8) throw new CliError('--question is too short; write the question officers ask, in quotes');
    if (lang === 'en' && !id) throw new CliError('an English entry translates a Vietnamese one: give --id <id of the Vietnamese entry>');

    const config = loadConfig();
    const { entries } = await loadHandbook({ dir: config.handbookDir, includeDrafts: true });
    const key = (s: string) =>
      foldDiacritics(s)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const same = entries.find((e) => e.lang === lang && [e.data.question, ...e.data.aliases].some((q) => key(q) === key(question)));
    if (same) throw new CliError(`${same.file} already asks "${question}"; edit that entry, or word the new question differently`);

    const { slug, text } = scaffoldEntry({ lang: lang as Lang, topic: topic as Topic, question, id, today: new Date() });
    const file = path.join(config.handbookDir, lang, topic, `${slug}.md`);
    if (existsSync(file))
      throw new CliError(`${path.relative(process.cwd(), file)} already exists; edit it, or word the question differently`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    console.log(
      `wrote ${path.relative(process.cwd(), file)} (draft). Fill in the sections, set status: published, then run npm run check.`,
    );
  },
);
