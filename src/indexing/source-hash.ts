import { createHash } from 'node:crypto';
import { glob, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The code that turns handbook files into stored entries: a change to it can change every entry. */
const PARSER_SOURCES: [string, string][] = [
  [fileURLToPath(new URL('../content/', import.meta.url)), '*.ts'],
  [fileURLToPath(new URL('.', import.meta.url)), 'handbook-documents.ts'],
];

/**
 * sha256 of everything the question index is read from: every file of the handbook folder (`**\/*.md` and
 * `glossary.yaml`, path and bytes, in path order) and the parser's own source. Reading and hashing 10,000 files
 * takes about a second; parsing them takes minutes, so a start compares this hash with the one in the serving
 * index's manifest and parses the handbook only when they differ.
 */
export async function handbookSourceHash(handbookDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const [dir, pattern] of [[handbookDir, '**/{*.md,glossary.yaml}'], ...PARSER_SOURCES] as const) {
    const files: string[] = [];
    for await (const f of glob(pattern, { cwd: dir })) files.push(f.split(path.sep).join('/'));
    files.sort();
    hash.update(`${dir === handbookDir ? 'handbook' : path.basename(dir)}\0`);
    // A few reads at a time: one by one, 50,000 small files take several times longer.
    for (let i = 0; i < files.length; i += 32) {
      const batch = files.slice(i, i + 32);
      const contents = await Promise.all(batch.map((f) => readFile(path.join(dir, f))));
      contents.forEach((bytes, j) => hash.update(`${batch[j]}\0${bytes.length}\0`).update(bytes));
    }
  }
  return hash.digest('hex');
}
