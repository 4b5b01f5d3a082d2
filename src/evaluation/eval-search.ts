import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StoredEntry } from '../indexing/handbook-documents.ts';
import { buildIndex, type IndexEmbedder } from '../indexing/build-index.ts';
import type { FusionSettings } from '../retrieval/fusion.ts';
import type { GlossaryItem } from '../retrieval/glossary-expansion.ts';
import type { HandbookSearch } from '../retrieval/handbook-search.ts';
import { openSearch } from '../retrieval/open-search.ts';

export interface EvalSearchOptions {
  /** What the entries are (`handbook`, or a dataset's name): the vectors are kept under it. */
  name: string;
  entries: StoredEntry[];
  glossary: GlossaryItem[];
  /** The model, for dense and hybrid search; absent, keywords only. */
  embedder?: IndexEmbedder | undefined;
  fusion: FusionSettings;
  /** Build in a temporary folder, removed by `close`, instead of .cache/eval. */
  noCache?: boolean | undefined;
  log: (line: string) => void;
}

/**
 * Builds the index of the entries to evaluate, as the service builds its own, and opens it. Vectors are kept per
 * entries and model under .cache/eval, so a second run with other settings embeds nothing again.
 */
export async function openEvalSearch(o: EvalSearchOptions): Promise<{ search: HandbookSearch; close: () => Promise<void> }> {
  const dataDir = o.noCache
    ? await mkdtemp(path.join(tmpdir(), 'handbook-eval-'))
    : path.resolve('.cache/eval', o.name, o.embedder ? o.embedder.model.id : 'lexical');
  const close = async () => {
    if (o.noCache) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const { dir } = await buildIndex({ dataDir, entries: o.entries, embedder: o.embedder, glossary: o.glossary, log: o.log });
    const { search } = await openSearch(dir, o.fusion, o.embedder);
    return { search, close };
  } catch (e) {
    await close();
    throw e;
  }
}
