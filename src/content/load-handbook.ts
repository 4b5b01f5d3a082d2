import { readFile } from 'node:fs/promises';
import { glob } from 'node:fs/promises';
import path from 'node:path';
import { HandbookError, type EntryProblem } from './entry-error.ts';
import { parseEntry, type HandbookEntry } from './parse-entry.ts';

/** Options for {@link loadHandbook}. */
export interface LoadHandbookOptions {
  /** Folder that holds `<lang>/<topic>/<slug>.md`. */
  dir: string;
  /** Project root, for the file paths shown in messages. Defaults to the folder's parent. */
  root?: string;
  /** Keep draft entries (the checker does; the site and index do not). */
  includeDrafts?: boolean;
}

/** The whole handbook, valid and cross-checked. */
export interface Handbook {
  entries: HandbookEntry[];
  /** Entry by `lang:id`. */
  byId: Map<string, HandbookEntry>;
}

/** Parse results by absolute path, reused while the file's text is unchanged. */
const parsedFiles = new Map<string, { source: string; shown: string; result: ReturnType<typeof parseEntry> }>();

/** Key of an entry in {@link Handbook.byId}. */
export const entryKey = (lang: string, id: string) => `${lang}:${id}`;

/**
 * Reads every entry under `dir`, validates each against the schema and the
 * handbook as a whole (unique ids, existing related ids), and throws one
 * {@link HandbookError} listing every problem with its file and line.
 */
export async function loadHandbook(options: LoadHandbookOptions): Promise<Handbook> {
  const dir = path.resolve(options.dir);
  const root = path.resolve(options.root ?? path.dirname(dir));
  const files: string[] = [];
  for await (const f of glob('**/*.md', { cwd: dir })) files.push(f.split(path.sep).join('/'));
  files.sort();
  if (files.length === 0) {
    throw new HandbookError([
      {
        file: path.relative(root, dir) || '.',
        line: 1,
        field: '',
        message: 'no entries found; add Markdown files as <lang>/<topic>/<slug>.md (see docs/writing-entries.md)',
      },
    ]);
  }

  const problems: EntryProblem[] = [];
  const all: HandbookEntry[] = [];
  // Entries whose own problems are reported: a link to one of them is not a second problem.
  const failed = new Set<string>();
  for (const f of files) {
    const abs = path.join(dir, f);
    const shown = path.relative(root, abs).split(path.sep).join('/');
    const source = await readFile(abs, 'utf8');
    // An editor saving one file should not pay for parsing the other hundreds again (npm run dev).
    const cached = parsedFiles.get(abs);
    const result = cached && cached.source === source && cached.shown === shown ? cached.result : parseEntry(shown, source);
    parsedFiles.set(abs, { source, shown, result });
    if (result.ok) all.push(result.entry);
    else {
      problems.push(...result.problems);
      if (result.claims) failed.add(entryKey(result.claims.lang, result.claims.id));
    }
  }

  const byId = new Map<string, HandbookEntry>();
  for (const entry of all) {
    const key = entryKey(entry.lang, entry.data.id);
    const first = byId.get(key);
    if (first) {
      problems.push({
        file: entry.file,
        line: entry.fieldLines['id'] ?? 1,
        field: 'id',
        message: `"${entry.data.id}" is already the id of ${first.file}; choose another id`,
      });
    } else byId.set(key, entry);
  }
  for (const entry of all) {
    entry.data.related.forEach((id, i) => {
      if (!byId.has(entryKey(entry.lang, id)) && !failed.has(entryKey(entry.lang, id))) {
        problems.push({
          file: entry.file,
          line: entry.fieldLines['related'] ?? 1,
          field: `related.${i}`,
          message: `no ${entry.lang} entry has the id "${id}"; write the id of an existing ${entry.lang} entry or remove it`,
        });
      }
    });
  }
  if (problems.length > 0) throw new HandbookError(problems);

  const entries = options.includeDrafts ? all : all.filter((e) => e.data.status === 'published');
  return { entries, byId: new Map(entries.map((e) => [entryKey(e.lang, e.data.id), e])) };
}
