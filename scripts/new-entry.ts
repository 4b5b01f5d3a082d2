/**
 * `npm run new-entry -- --topic civil-status --question "Đăng ký giám hộ cần gì?" [--lang en --id <vi-id>]`
 * Writes a draft entry with valid frontmatter and the standard sections.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldEntry } from '../src/authoring/scaffold-entry.ts';
import { loadConfig } from '../src/config.ts';
import { TOPIC_KEYS, type Lang, type Topic } from '../src/content/topics.ts';

const { values } = parseArgs({ options: { lang: { type: 'string', default: 'vi' }, topic: { type: 'string' }, question: { type: 'string' }, id: { type: 'string' } } });
const fail = (m: string): never => {
  console.error(m);
  process.exit(2);
};
if (values.lang !== 'vi' && values.lang !== 'en') fail(`--lang is "${values.lang}"; write vi or en`);
if (!values.topic || !TOPIC_KEYS.includes(values.topic as Topic)) fail(`--topic is "${values.topic ?? ''}"; write one of: ${TOPIC_KEYS.join(', ')}`);
if (!values.question || values.question.trim().length < 8) fail('--question is missing or too short; write the question officers ask, in quotes');
if (values.lang === 'en' && !values.id) fail('an English entry translates a Vietnamese one: give --id <id of the Vietnamese entry>');

const config = loadConfig();
const { slug, text } = scaffoldEntry({ lang: values.lang as Lang, topic: values.topic as Topic, question: values.question!.trim(), id: values.id, today: new Date() });
const file = path.join(config.handbookDir, values.lang!, values.topic!, `${slug}.md`);
if (existsSync(file)) fail(`${path.relative(process.cwd(), file)} already exists; edit it, or word the question differently`);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(file, text);
console.log(`wrote ${path.relative(process.cwd(), file)} (draft). Fill in the sections, set status: published, then run npm run check.`);
