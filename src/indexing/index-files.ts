import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'astro/zod';
import { LANGS, TOPIC_KEYS, type Lang } from '../content/topics.ts';
import type { GlossaryItem } from '../retrieval/glossary-expansion.ts';
import { decodeKeywordIndex } from '../retrieval/keyword-index-file.ts';
import type { KeywordIndexData } from '../retrieval/keyword-index.ts';
import type { StoredEntry } from './handbook-documents.ts';

/** `data/current.json`: which built index is serving. Replaced by an atomic rename. */
export const CURRENT_FILE = 'current.json';
/** Folder of built indexes inside the data folder. */
export const INDEXES_DIR = 'indexes';
export const MANIFEST_FILE = 'manifest.json';
export const ENTRIES_FILE = 'entries.json';
export const VECTORS_FILE = 'vectors.f32';
export const GLOSSARY_INDEX_FILE = 'glossary.json';
/** The keyword index of one language's half of the handbook. */
export const keywordFile = (lang: Lang) => `keyword-${lang}.bin`;

/** sha256 of a file's bytes, as the manifest records them. */
export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The glossary as the index stores it (what search needs of each term), and its hash for staleness checks. */
export function glossaryRecord(glossary: GlossaryItem[]): { json: string; hash: string } {
  const json = JSON.stringify(
    glossary.map(({ term, lang, says, entries, notCovered }) => ({ term, lang, says, entries, ...(notCovered ? { notCovered } : {}) })),
  );
  return { json, hash: sha256(json) };
}

/** Summary of a built index, written last so a folder with a manifest is complete. */
export const ManifestSchema = z.object({
  version: z.literal(2),
  builtAt: z.string(),
  buildMs: z.number(),
  /** The model the vectors came from; null for a lexical-only index. */
  model: z.object({ id: z.string(), dtype: z.string(), dimensions: z.number().int().positive() }).nullable(),
  counts: z.object({ entries: z.number(), passages: z.number(), embedded: z.number(), reused: z.number() }),
  /** `lang:id` → content hash of every entry. */
  entries: z.record(z.string(), z.string()),
  /** For each entry (in entries.json order), the first passage and the passage count in vectors.f32. */
  passageRanges: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** sha256 of the glossary the index was built with. */
  glossaryHash: z.string(),
  /** sha256 of every other file of the index, checked on load so a damaged file is never served. */
  checksums: z.record(z.string(), z.string()),
  /**
   * sha256 of the handbook files and parser code the entries were read from (`handbookSourceHash`); a start
   * that finds the same hash knows the index is current without parsing every entry. Absent in older indexes.
   */
  sourceHash: z.string().optional(),
  /** sha256 of the code that made the keyword terms (`keywordCodeHash`); absent in older indexes. */
  keywordCode: z.string().optional(),
});
export type Manifest = z.output<typeof ManifestSchema>;

const StoredEntrySchema = z.object({
  key: z.string(),
  id: z.string(),
  lang: z.enum(['vi', 'en']),
  topic: z.enum(TOPIC_KEYS),
  title: z.string(),
  url: z.string(),
  aliases: z.array(z.string()),
  // Indexes built before search phrases existed have none.
  searchPhrases: z.array(z.string()).default([]),
  tags: z.array(z.string()),
  sections: z.array(z.object({ heading: z.string(), text: z.string() })),
  hash: z.string(),
});

/** A built index as read from disk. */
export interface IndexFiles {
  dir: string;
  manifest: Manifest;
  entries: StoredEntry[];
  /** Passage vectors, `manifest.model.dimensions` floats each; empty for a lexical-only index. */
  vectors: Float32Array;
  keyword: Record<Lang, KeywordIndexData>;
  glossary: GlossaryItem[];
}

const GlossaryItemSchema = z.object({
  term: z.string(),
  lang: z.enum(LANGS),
  says: z.array(z.string()),
  entries: z.array(z.string()),
  notCovered: z.boolean().optional(),
});

/** Folder of the index that is serving, or undefined when none was built yet. */
export async function currentIndexDir(dataDir: string): Promise<string | undefined> {
  try {
    const { dir } = z.object({ dir: z.string() }).parse(JSON.parse(await readFile(path.join(dataDir, CURRENT_FILE), 'utf8')));
    return path.resolve(dataDir, dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path.join(dataDir, CURRENT_FILE)} is damaged; delete it and run npm run index`, { cause: e });
  }
}

/** The manifest of an index folder and a reader that checks each file against it; errors name the file and say to rebuild. */
async function openIndexFolder(dir: string) {
  const fail = (file: string, why: string, cause?: unknown): never => {
    throw new Error(`cannot use ${path.join(dir, file)} (${why}); rebuild the index with npm run index`, { cause });
  };
  const bytes = async (file: string) => {
    try {
      return await readFile(path.join(dir, file));
    } catch (cause) {
      return fail(file, String(cause).split('\n')[0]!, cause);
    }
  };
  const manifestBytes = await bytes(MANIFEST_FILE);
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch (cause) {
    return fail(MANIFEST_FILE, 'not a manifest of this version', cause);
  }
  const checked = async (file: string) => {
    const b = await bytes(file);
    const want = manifest.checksums[file];
    if (!want) return fail(file, 'the manifest has no checksum for it');
    if (sha256(b) !== want) return fail(file, 'its checksum does not match the manifest: the file is damaged');
    return b;
  };
  return { manifest, checked, fail };
}

/**
 * Checks an index folder without parsing its files: the manifest is valid and every file it lists matches its
 * checksum. Enough to trust a folder that {@link readIndexFiles} will read later.
 */
export async function verifyIndexFiles(dir: string): Promise<Manifest> {
  const { manifest, checked } = await openIndexFolder(dir);
  for (const file of Object.keys(manifest.checksums)) await checked(file);
  return manifest;
}

/** Reads and validates an index folder, checking every file against the manifest's checksums; errors name the file and say to rebuild. */
export async function readIndexFiles(dir: string): Promise<IndexFiles> {
  const { manifest, checked, fail } = await openIndexFolder(dir);
  const json = async <T>(file: string, schema: z.ZodType<T>): Promise<T> => {
    const b = await checked(file);
    try {
      return schema.parse(JSON.parse(b.toString('utf8')));
    } catch (cause) {
      return fail(file, String(cause).split('\n')[0]!, cause);
    }
  };
  const entries = await json(ENTRIES_FILE, z.array(StoredEntrySchema));
  const glossary = await json(GLOSSARY_INDEX_FILE, z.array(GlossaryItemSchema));
  if (entries.length !== manifest.counts.entries)
    fail(ENTRIES_FILE, `it has ${entries.length} entries, the manifest ${manifest.counts.entries}`);
  const keyword = {} as Record<Lang, KeywordIndexData>;
  for (const lang of LANGS) {
    const file = keywordFile(lang);
    try {
      keyword[lang] = decodeKeywordIndex(await checked(file));
    } catch (cause) {
      return fail(file, (cause as Error).message, cause);
    }
  }
  let vectors = new Float32Array(0);
  if (manifest.model) {
    const buf = await checked(VECTORS_FILE);
    vectors = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    if (vectors.length !== manifest.counts.passages * manifest.model.dimensions) {
      fail(VECTORS_FILE, `it has ${vectors.length} floats, expected ${manifest.counts.passages} × ${manifest.model.dimensions}`);
    }
  }
  // The vector store's own files (hnsw.bin, passages.json) are read by hnswlib later: check them now.
  const seen = new Set([ENTRIES_FILE, GLOSSARY_INDEX_FILE, VECTORS_FILE, ...LANGS.map(keywordFile)]);
  for (const file of Object.keys(manifest.checksums)) if (!seen.has(file)) await checked(file);
  return { dir, manifest, entries, vectors, keyword, glossary };
}
