import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createEmbedder } from '../../src/embeddings/create-embedder.ts';
import type { HandbookEmbeddings, IndexEmbedder } from '../../src/indexing/build-index.ts';
import { FIXTURE_HANDBOOK, ROOT, TINY_MODEL } from './paths.ts';

/** A config over a private copy of the fixture handbook and a fresh data folder, with the tiny model. */
export async function tempHandbook(): Promise<Config> {
  const dir = await mkdtemp(path.join(tmpdir(), 'handbook-index-'));
  await cp(FIXTURE_HANDBOOK, path.join(dir, 'handbook'), { recursive: true });
  return loadConfig(
    {
      HANDBOOK_DIR: path.join(dir, 'handbook'),
      HANDBOOK_DATA_DIR: path.join(dir, 'data'),
      HANDBOOK_MODEL_DIR: TINY_MODEL,
      HANDBOOK_MODEL_DTYPE: 'fp32',
    },
    ROOT,
  );
}

/** The tiny model, with a record of every text it was asked to embed. */
export async function countingTinyEmbedder(config: Config): Promise<IndexEmbedder & { embedded: string[] }> {
  const { embedder } = await createEmbedder(config.model, () => {});
  if (!embedder) throw new Error('the tiny fixture model did not load; run node scripts/make-tiny-model.ts');
  const inner = embedder.embeddings;
  const embedded: string[] = [];
  const embeddings: HandbookEmbeddings = {
    embedQuery: (t) => inner.embedQuery(t),
    embedQueries: (ts) => (embedded.push(...ts), inner.embedQueries(ts)),
    embedDocuments: (ts) => (embedded.push(...ts), inner.embedDocuments(ts)),
  };
  return { embeddings, model: embedder.model, embedded };
}
