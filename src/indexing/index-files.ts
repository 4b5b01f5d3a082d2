import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'astro/zod';
import { TOPIC_KEYS } from '../content/topics.ts';
import type { StoredEntry } from './handbook-documents.ts';

/** `data/current.json`: which built index is serving. Replaced by an atomic rename. */
export const CURRENT_FILE = 'current.json';
/** Folder of built indexes inside the data folder. */
export const INDEXES_DIR = 'indexes';
export const MANIFEST_FILE = 'manifest.json';
export const ENTRIES_FILE = 'entries.json';
export const VECTORS_FILE = 'vectors.f32';

/** Summary of a built index, written last so a folder with a manifest is complete. */
export const ManifestSchema = z.object({
  version: z.literal(1),
  builtAt: z.string(),
  buildMs: z.number(),
  /** The model the vectors came from; null for a lexical-only index. */
  model: z.object({ id: z.string(), dtype: z.string(), dimensions: z.number().int().positive() }).nullable(),
  counts: z.object({ entries: z.number(), passages: z.number(), embedded: z.number(), reused: z.number() }),
  /** `lang:id` → content hash of every entry. */
  entries: z.record(z.string(), z.string()),
  /** For each entry (in entries.json order), the first passage and the passage count in vectors.f32. */
  passageRanges: z.array(z.tuple([z.number().int(), z.number().int()])),
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
}

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

/** Reads and validates an index folder; errors name the file and say to rebuild. */
export async function readIndexFiles(dir: string): Promise<IndexFiles> {
  const read = async <T>(file: string, parse: (text: string) => T): Promise<T> => {
    const full = path.join(dir, file);
    try {
      return parse(await readFile(full, 'utf8'));
    } catch (cause) {
      throw new Error(`cannot use ${full} (${String(cause).split('\n')[0]}); rebuild the index with npm run index`, { cause });
    }
  };
  const manifest = await read(MANIFEST_FILE, (t) => ManifestSchema.parse(JSON.parse(t)));
  const entries = await read(ENTRIES_FILE, (t) => z.array(StoredEntrySchema).parse(JSON.parse(t)));
  let vectors = new Float32Array(0);
  if (manifest.model) {
    const full = path.join(dir, VECTORS_FILE);
    const buf = await readFile(full).catch((cause) => {
      throw new Error(`cannot read ${full}; rebuild the index with npm run index`, { cause });
    });
    vectors = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    if (vectors.length !== manifest.counts.passages * manifest.model.dimensions) {
      throw new Error(`${full} has ${vectors.length} floats, expected ${manifest.counts.passages} × ${manifest.model.dimensions}; rebuild the index with npm run index`);
    }
  }
  return { dir, manifest, entries, vectors };
}
