import type { Config } from '../config.ts';
import { loadGlossary, type GlossaryTerm } from '../content/glossary.ts';
import { loadHandbook } from '../content/load-handbook.ts';
import { buildIndex, type IndexEmbedder } from '../indexing/build-index.ts';
import { toStoredEntry, type StoredEntry } from '../indexing/handbook-documents.ts';
import { currentIndexDir, glossaryRecord, verifyIndexFiles, type Manifest } from '../indexing/index-files.ts';
import { handbookSourceHash, keywordCodeHash } from '../indexing/source-hash.ts';

/** The handbook as the index is built from it, read once. */
export interface HandbookSources {
  entries: StoredEntry[];
  /** handbook/glossary.yaml, with every linked entry checked to exist. */
  glossary: GlossaryTerm[];
  /** Hash of the files read, taken before reading them (see handbookSourceHash). */
  sourceHash: string;
}

/**
 * Reads the handbook (entries through the same schema as the site, and the glossary) in one pass over its
 * files. The source hash is taken first: should a file change while it is read, the recorded hash is the older
 * one, so the next start reads the handbook again rather than trusting a stale index.
 */
export async function readHandbook(config: Config): Promise<HandbookSources> {
  const sourceHash = await handbookSourceHash(config.handbookDir);
  const { entries, byId } = await loadHandbook({ dir: config.handbookDir });
  const glossary = await loadGlossary(config.handbookDir, new Set(byId.keys()));
  return { entries: entries.map(toStoredEntry), glossary, sourceHash };
}

/** The handbook as the index stores it, read through the same schema as the site. */
export async function handbookEntries(config: Config): Promise<StoredEntry[]> {
  return (await readHandbook(config)).entries;
}

/** The handbook's glossary (handbook/glossary.yaml), with every linked entry checked to exist. */
export async function handbookGlossary(config: Config): Promise<GlossaryTerm[]> {
  return (await readHandbook(config)).glossary;
}

/** Why vectors in an index built with `manifest` cannot serve with `embedder`, or undefined when they can. */
function modelChange(manifest: Manifest, embedder: IndexEmbedder | undefined): string | undefined {
  const built = manifest.model ? `${manifest.model.id}/${manifest.model.dtype}` : 'none';
  const loaded = embedder ? `${embedder.model.id}/${embedder.model.dtype}` : 'none';
  return embedder && built !== loaded ? `the index was built with model ${built}, the loaded model is ${loaded}` : undefined;
}

/**
 * Why the serving index must be rebuilt, or undefined when it is current: it
 * is missing or damaged, an entry or the glossary changed, the keyword terms are made by other code than the
 * index's, or the loaded model differs from the one the vectors came from.
 */
export async function indexStaleReason(
  config: Config,
  entries: StoredEntry[],
  embedder: IndexEmbedder | undefined,
  glossary: GlossaryTerm[] = [],
): Promise<string | undefined> {
  const dir = await currentIndexDir(config.dataDir);
  if (!dir) return 'no index has been built yet';
  let manifest;
  try {
    manifest = await verifyIndexFiles(dir);
  } catch (e) {
    return (e as Error).message;
  }
  const want = Object.fromEntries(entries.map((e) => [e.key, e.hash]));
  const changed = Object.keys(want).filter((k) => manifest.entries[k] !== want[k]).length;
  const removed = Object.keys(manifest.entries).filter((k) => !(k in want)).length;
  if (changed || removed) return `${changed} entries changed or added, ${removed} removed`;
  if (manifest.glossaryHash !== glossaryRecord(glossary).hash) return 'the glossary changed';
  if (manifest.keywordCode !== keywordCodeHash()) return 'the keyword index was made by other code (word folding or terms changed)';
  return modelChange(manifest, embedder);
}

/**
 * Rebuilds the index when {@link indexStaleReason} says so; returns the serving folder. When the serving index's
 * manifest records the same source hash as the handbook files on disk, was built for the loaded model, and its
 * files match their checksums, the handbook is not parsed at all: at 10,000 entries parsing is most of a start.
 */
export async function ensureIndex(config: Config, embedder: IndexEmbedder | undefined, log: (line: string) => void): Promise<string> {
  const current = await currentIndexDir(config.dataDir);
  if (current) {
    const [sourceHash, manifest] = await Promise.all([
      handbookSourceHash(config.handbookDir),
      verifyIndexFiles(current).catch(() => undefined),
    ]);
    if (manifest?.sourceHash === sourceHash && manifest.keywordCode === keywordCodeHash() && !modelChange(manifest, embedder))
      return current;
  }
  const { entries, glossary, sourceHash } = await readHandbook(config);
  const reason = await indexStaleReason(config, entries, embedder, glossary);
  if (reason) {
    log(`building the question index: ${reason}`);
    return (await buildIndex({ dataDir: config.dataDir, entries, glossary, embedder, sourceHash, log })).dir;
  }
  return (await currentIndexDir(config.dataDir))!;
}
