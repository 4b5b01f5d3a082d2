import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import { HandbookError, type EntryProblem } from './entry-error.ts';
import { issueToProblems } from './parse-entry.ts';

/**
 * Parses a YAML file that holds a list of items (the glossary, the communes) against a zod schema; every problem
 * is `file:line: field: message`, like an entry's, and thrown together as one {@link HandbookError}. Returns the
 * items and the line where each starts, for the caller's own cross-checks.
 */
export function parseYamlList<T>(
  file: string,
  source: string,
  schema: z.ZodType<T[]>,
  itemKeys: string[],
  listMessage: string,
): { items: T[]; lineOf: (index: number) => number } {
  const lines = new LineCounter();
  const doc = parseDocument(source.normalize('NFC'), { lineCounter: lines, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  const problems: EntryProblem[] = doc.errors.map((e) => ({
    file,
    line: lineAt(e.pos[0]),
    field: '',
    message: `fix the YAML: ${e.message.split('\n')[0]}`,
  }));
  if (problems.length > 0) throw new HandbookError(problems);
  if (!isSeq(doc.contents) && doc.contents !== null) throw new HandbookError([{ file, line: 1, field: '', message: listMessage }]);
  const parsed = schema.safeParse(doc.toJS() ?? []);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(...issueToProblems(file, issue, doc, lineAt, itemKeys));
    throw new HandbookError(problems);
  }
  const lineOf = (index: number) => lineAt((doc.getIn([index], true) as { range?: [number, number, number] } | undefined)?.range?.[0]);
  return { items: parsed.data, lineOf };
}

/**
 * Reads `<dir>/<name>` and parses it with {@link parseYamlList}; problems name the file relative to `root`. A
 * missing file is undefined (an empty glossary, no communes). Read synchronously: the handbook's small list files
 * are read once, where some callers cannot wait.
 */
export function readYamlList<T>(
  dir: string,
  name: string,
  root: string,
  schema: z.ZodType<T[]>,
  itemKeys: string[],
  listMessage: string,
): { file: string; items: T[]; lineOf: (index: number) => number } | undefined {
  const abs = path.join(path.resolve(dir), name);
  let source: string;
  try {
    source = readFileSync(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const file = path.relative(root, abs).split(path.sep).join('/');
  return { file, ...parseYamlList(file, source, schema, itemKeys, listMessage) };
}
