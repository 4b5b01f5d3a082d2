import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLOSSARY_FILE } from '../content/glossary.ts';

/** The code that turns handbook files into stored entries: a change to it can change every entry. */
const PARSER_SOURCES: [string, string][] = [
  [fileURLToPath(new URL('../content/', import.meta.url)), '*.ts'],
  [fileURLToPath(new URL('.', import.meta.url)), 'handbook-documents.ts'],
];

/**
 * The code that turns stored entries into keyword-index terms (word folding, terms, the index and its file): a
 * change to it changes the terms of every entry, so an index built by other code must be built again even when no
 * entry changed, or questions would be looked up with terms the index does not hold.
 */
const KEYWORD_SOURCES = [
  '../text/fold.ts',
  '../retrieval/lexical-terms.ts',
  '../retrieval/keyword-docs.ts',
  '../retrieval/keyword-index.ts',
  '../retrieval/keyword-index-file.ts',
];

/** Packages whose code makes keyword terms too: the English stemmer. An upgrade of it changes English terms. */
const KEYWORD_PACKAGES = ['stemmer'];

/** The files {@link keywordCodeHash} reads: {@link KEYWORD_SOURCES} and the entry files of {@link KEYWORD_PACKAGES}. */
export function keywordCodeFiles(): string[] {
  return [
    ...KEYWORD_SOURCES.map((file) => fileURLToPath(new URL(file, import.meta.url))),
    ...KEYWORD_PACKAGES.map((name) => fileURLToPath(import.meta.resolve(name))),
  ];
}

let keywordHash: string | undefined;

/** sha256 of {@link keywordCodeFiles}, read once per process. */
export function keywordCodeHash(): string {
  if (keywordHash === undefined) {
    const hash = createHash('sha256');
    for (const file of keywordCodeFiles()) {
      const bytes = readFileSync(file);
      hash.update(`${path.basename(file)}\0${bytes.length}\0`).update(bytes);
    }
    keywordHash = hash.digest('hex');
  }
  return keywordHash;
}

/**
 * sha256 of everything the question index is read from: every entry file of the handbook folder (`**\/*.md`) and
 * its `glossary.yaml` (path and bytes, in path order), and the parser's own source. Reading and hashing 50,000
 * files takes under two seconds; parsing them takes minutes, so a start compares this hash with the one in the
 * serving index's manifest and parses the handbook only when they differ. Reads synchronously: it runs before
 * the service answers anything, and one-by-one promise reads of small files are three times slower.
 */
export async function handbookSourceHash(handbookDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const [dir, pattern] of [[handbookDir, '**/*.md'], ...PARSER_SOURCES] as const) {
    const files: string[] = [];
    for await (const f of glob(pattern, { cwd: dir })) files.push(f.split(path.sep).join('/'));
    if (dir === handbookDir && existsSync(path.join(dir, GLOSSARY_FILE))) files.push(GLOSSARY_FILE);
    files.sort();
    hash.update(`${dir === handbookDir ? 'handbook' : path.basename(dir)}\0`);
    for (const f of files) {
      const bytes = readFileSync(path.join(dir, f));
      hash.update(`${f}\0${bytes.length}\0`).update(bytes);
    }
  }
  return hash.digest('hex');
}
