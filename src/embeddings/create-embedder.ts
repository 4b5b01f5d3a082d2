import type { Config } from '../config.ts';
import type { IndexEmbedder } from '../indexing/build-index.ts';
import { loadModel, logDownloadProgress, ModelUnavailableError, type ModelInfo } from './load-model.ts';
import { TransformersEmbeddings } from './transformers-embeddings.ts';

/** The model as the service reports it: loaded, or why not. */
export type ModelStatus = { state: 'loaded'; info: ModelInfo; loadMs: number } | { state: 'unavailable'; reason: string };

/**
 * Loads the embedding model once and wraps it for indexing and search. Never
 * throws for a missing model: the caller gets `embedder: undefined` and a
 * status that says why, and runs lexical-only.
 */
export async function createEmbedder(
  config: Config['model'],
  log: (line: string) => void,
): Promise<{ embedder: IndexEmbedder | undefined; status: ModelStatus }> {
  const started = performance.now();
  try {
    const { extractor, info } = await loadModel(config, logDownloadProgress(log));
    const embeddings = new TransformersEmbeddings(extractor, { batchSize: config.batchSize });
    const loadMs = Math.round(performance.now() - started);
    return { embedder: { embeddings, model: { id: info.id, dtype: info.dtype } }, status: { state: 'loaded', info, loadMs } };
  } catch (e) {
    if (!(e instanceof ModelUnavailableError)) throw e;
    return { embedder: undefined, status: { state: 'unavailable', reason: e.message } };
  }
}
