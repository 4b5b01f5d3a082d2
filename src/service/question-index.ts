import type { Config } from '../config.ts';
import { loadGlossary, type GlossaryTerm } from '../content/glossary.ts';
import { loadHandbook } from '../content/load-handbook.ts';
import { buildIndex, type IndexEmbedder } from '../indexing/build-index.ts';
import { toStoredEntry, type StoredEntry } from '../indexing/handbook-documents.ts';
import { currentIndexDir, glossaryRecord, readIndexFiles } from '../indexing/index-files.ts';

/** The handbook as the index stores it, read through the same schema as the site. */
export async function handbookEntries(config: Config): Promise<StoredEntry[]> {
  const { entries } = await loadHandbook({ dir: config.handbookDir });
  return entries.map(toStoredEntry);
}

/** The handbook's glossary (handbook/glossary.yaml), with every linked entry checked to exist. */
export async function handbookGlossary(config: Config): Promise<GlossaryTerm[]> {
  const { byId } = await loadHandbook({ dir: config.handbookDir });
  return loadGlossary(config.handbookDir, new Set(byId.keys()));
}

/**
 * Why the serving index must be rebuilt, or undefined when it is current: it
 * is missing, an entry changed, or the loaded model differs from the one the
 * vectors came from.
 */
export async function indexStaleReason(config: Config, entries: StoredEntry[], embedder: IndexEmbedder | undefined, glossary: GlossaryTerm[] = []): Promise<string | undefined> {
  const dir = await currentIndexDir(config.dataDir);
  if (!dir) return 'no index has been built yet';
  let manifest;
  try {
    ({ manifest } = await readIndexFiles(dir));
  } catch (e) {
    return (e as Error).message;
  }
  const want = Object.fromEntries(entries.map((e) => [e.key, e.hash]));
  const changed = Object.keys(want).filter((k) => manifest.entries[k] !== want[k]).length;
  const removed = Object.keys(manifest.entries).filter((k) => !(k in want)).length;
  if (changed || removed) return `${changed} entries changed or added, ${removed} removed`;
  if (manifest.glossaryHash !== glossaryRecord(glossary).hash) return 'the glossary changed';
  const built = manifest.model ? `${manifest.model.id}/${manifest.model.dtype}` : 'none';
  const loaded = embedder ? `${embedder.model.id}/${embedder.model.dtype}` : 'none';
  if (embedder && built !== loaded) return `the index was built with model ${built}, the loaded model is ${loaded}`;
  return undefined;
}

/** Rebuilds the index when {@link indexStaleReason} says so; returns the serving folder. */
export async function ensureIndex(config: Config, embedder: IndexEmbedder | undefined, log: (line: string) => void): Promise<string> {
  const entries = await handbookEntries(config);
  const glossary = await handbookGlossary(config);
  const reason = await indexStaleReason(config, entries, embedder, glossary);
  if (reason) {
    log(`building the question index: ${reason}`);
    return (await buildIndex({ dataDir: config.dataDir, entries, glossary, embedder, log })).dir;
  }
  return (await currentIndexDir(config.dataDir))!;
}
