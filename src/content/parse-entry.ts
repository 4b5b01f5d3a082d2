import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'astro/zod';
import { EntrySchema, type EntryData } from './entry-schema.ts';
import type { EntryProblem } from './entry-error.ts';
import { bodyProblems } from './body-rules.ts';
import { splitSections, type EntrySection } from './entry-sections.ts';
import { LANGS, TOPIC_KEYS, type Lang, type Topic } from './topics.ts';
import { entryUrl } from './urls.ts';

/** A valid handbook entry, with everything pages and the index need. */
export interface HandbookEntry {
  lang: Lang;
  topic: Topic;
  /** File name without `.md`; the last URL segment. */
  slug: string;
  /** Path relative to the project root, for messages. */
  file: string;
  url: string;
  data: EntryData;
  /** The answer, Markdown. */
  body: string;
  sections: EntrySection[];
  /** Line of each frontmatter field in the file, for messages about the entry as a whole. */
  fieldLines: Record<string, number>;
  /** Fields written in the file (the others took their schema default). */
  declared: Set<string>;
}

/** Every way the entry's question is written: the question, its aliases and its search phrases. */
export function askedAs(entry: Pick<HandbookEntry, 'data'>): string[] {
  return [entry.data.question, ...entry.data.aliases, ...entry.data.searchPhrases];
}

/**
 * A parsed entry, or its problems; `claims` is the language and id a failing file gives itself where they can be
 * read, so that the handbook-wide checks do not report, as a second problem, every link to an entry whose own
 * problem is reported.
 */
export type ParseResult =
  { ok: true; entry: HandbookEntry } | { ok: false; problems: EntryProblem[]; claims?: { lang: Lang; id: string } | undefined };

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Parses and validates one entry file. `file` is its path relative to the
 * project root, `handbook/<lang>/<topic>/<slug>.md`; the path must agree with
 * the frontmatter. Problems carry the line of the offending field.
 */
export function parseEntry(file: string, source: string): ParseResult {
  const problem = (line: number, field: string, message: string): ParseResult => ({
    ok: false,
    problems: [{ file, line, field, message }],
  });
  const parts = file.split('/');
  const [lang, topic, name] = parts.slice(-3);
  if (parts.length < 4 || !LANGS.includes(lang as Lang) || !TOPIC_KEYS.includes(topic as Topic) || !name) {
    return problem(1, '', `move the file to handbook/<vi|en>/<topic>/<slug>.md, where topic is one of: ${TOPIC_KEYS.join(', ')}`);
  }
  const slug = name.replace(/\.md$/, '');
  const claim = (id: string | undefined) => (id === undefined ? undefined : { lang: lang as Lang, id });
  if (!SLUG.test(slug)) {
    return problem(1, '', `rename the file to lowercase ASCII words joined by hyphens (got "${name}")`);
  }

  // NFC once, here: every later comparison and the index see composed letters whatever the editor saved.
  const match = FRONTMATTER.exec(source.replace(/^\uFEFF/, '').normalize('NFC'));
  if (!match) {
    return problem(1, '', 'start the file with a frontmatter block between two "---" lines (see docs/writing-entries.md)');
  }
  const [, yamlText = '', body = ''] = match;
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  // The YAML starts on line 2 of the file, after the opening "---".
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line + 1);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      claims: claim(/^id:[ \t]*([a-z0-9-]+)[ \t]*$/m.exec(yamlText)?.[1]),
      problems: doc.errors.map((e) => ({
        file,
        line: lineAt(e.pos[0]),
        field: '',
        message: `fix the YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  if (!isMap(doc.contents)) return problem(2, '', 'write the frontmatter as "field: value" lines');

  const fieldLine = (key: string) => lineAt(findKey(doc, key)?.range?.[0]);
  const raw = doc.toJS() as Record<string, unknown>;
  const parsed = EntrySchema.safeParse(raw);
  const problems: EntryProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(...issueToProblems(file, issue, doc, lineAt, Object.keys(EntrySchema.shape)));
  }
  // Checked on the raw values too, so one pass over a file reports every problem it has.
  const problemFields = new Set(problems.map((p) => p.field));
  if (typeof raw['topic'] === 'string' && TOPIC_KEYS.includes(raw['topic'] as Topic) && raw['topic'] !== topic) {
    problems.push({
      file,
      line: fieldLine('topic'),
      field: 'topic',
      message: `the file is in the "${topic}" folder; write topic: ${topic} or move the file to handbook/${lang}/${raw['topic']}/`,
    });
  }
  if (lang === 'vi' && typeof raw['id'] === 'string' && !problemFields.has('id') && raw['id'] !== slug) {
    problems.push({
      file,
      line: fieldLine('id'),
      field: 'id',
      message: `Vietnamese entries use the id as file name; write id: ${slug} or rename the file to ${raw['id']}.md`,
    });
  }
  const claims = claim(typeof raw['id'] === 'string' ? raw['id'] : undefined);
  if (problems.length > 0 || !parsed.success) return { ok: false, problems, claims };

  const bodyLine = source.slice(0, source.length - body.length).split('\n').length;
  const unsafe = bodyProblems(file, body, bodyLine, parsed.data.status === 'published');
  if (unsafe.length > 0) return { ok: false, problems: unsafe, claims };
  const sections = splitSections(body);
  if (!sections.some((s) => s.text.length > 0)) {
    const message = 'write the answer below the frontmatter, in "## " sections';
    return { ok: false, problems: [{ file, line: bodyLine, field: '', message }], claims };
  }
  return {
    ok: true,
    entry: {
      lang: lang as Lang,
      topic: topic as Topic,
      slug,
      file,
      url: entryUrl(lang as Lang, topic as Topic, slug),
      data: parsed.data,
      body,
      sections,
      fieldLines: Object.fromEntries(Object.keys(parsed.data).map((k) => [k, fieldLine(k)])),
      declared: new Set(Object.keys(raw)),
    },
  };
}

type Doc = ReturnType<typeof parseDocument>;

function findKey(doc: Doc, key: string, at: PropertyKey[] = []) {
  const map = at.length === 0 ? doc.contents : doc.getIn(at as (string | number)[], true);
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key as { range?: [number, number, number] } | undefined;
}

/** Turns one zod issue about a YAML document into located problems; the one formatter for handbook files. */
export function issueToProblems(
  file: string,
  issue: z.core.$ZodIssue,
  doc: Doc,
  lineAt: (offset: number | undefined) => number,
  allowedKeys: string[],
): EntryProblem[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      line: lineAt(findKey(doc, key, issue.path)?.range?.[0]),
      field: [...path, key].join('.'),
      message: `remove this field or rename it; allowed fields are: ${allowedKeys.join(', ')}`,
    }));
  }
  const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
  const keyNode = path.length === 1 ? findKey(doc, path[0] ?? '') : undefined;
  const line = lineAt(node?.range?.[0] ?? keyNode?.range?.[0]);
  // A nested value comes back as a YAML node: compared and shown as the plain value it stands for.
  const found: unknown = doc.getIn(issue.path as (string | number)[]);
  const value: unknown = isNode(found) ? found.toJSON() : found;
  const missing = value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
  // "- Phí: theo HĐND tỉnh" is a one-key map to YAML, not text: the usual surprise in lists of sentences.
  const colonHint =
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1
      ? '; YAML reads "words: more words" as a field, so put the whole text in quotes'
      : '';
  const message = missing
    ? `add this field: ${issue.message}`
    : `${issue.message}${colonHint}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
  return [{ file, line, field: path.join('.'), message }];
}
