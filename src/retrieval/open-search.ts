import type { IndexEmbedder } from '../indexing/build-index.ts';
import { HnswVectorStore } from '../indexing/hnsw-vector-store.ts';
import { readIndexFiles, type Manifest } from '../indexing/index-files.ts';
import type { DecisionModel } from './answer-decision.ts';
import type { FusionSettings } from './fusion.ts';
import { HandbookSearch } from './handbook-search.ts';

/**
 * Opens a built index for searching. The dense side is used only when the
 * index has vectors from the same model that is loaded; otherwise the search
 * is lexical and `denseSkipped` says why. `decision` replaces the fitted answer
 * decision (answer-model.json).
 */
export async function openSearch(
  dir: string,
  fusion: FusionSettings,
  embedder: IndexEmbedder | undefined,
  decision?: DecisionModel,
): Promise<{ search: HandbookSearch; manifest: Manifest; denseSkipped?: string }> {
  const files = await readIndexFiles(dir);
  const { manifest } = files;
  const options = { keyword: files.keyword, glossary: files.glossary, decision };
  if (!embedder) return { search: new HandbookSearch(files.entries, fusion, undefined, options), manifest };
  if (!manifest.model || manifest.model.id !== embedder.model.id || manifest.model.dtype !== embedder.model.dtype) {
    const built = manifest.model ? `${manifest.model.id} (${manifest.model.dtype})` : 'no model';
    return {
      search: new HandbookSearch(files.entries, fusion, undefined, options),
      manifest,
      denseSkipped: `the index was built with ${built}, not ${embedder.model.id} (${embedder.model.dtype}); run npm run index`,
    };
  }
  const store = await HnswVectorStore.load(dir, embedder.embeddings);
  return {
    search: new HandbookSearch(files.entries, fusion, { embeddings: embedder.embeddings, store, model: embedder.model }, options),
    manifest,
  };
}
