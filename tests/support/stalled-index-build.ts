/**
 * Child process for the "killed rebuild" test: starts a real index build whose
 * embedding stalls, says so on stdout, and waits to be killed.
 *   node tests/support/stalled-index-build.ts <handbookDir> <dataDir>
 */
import { loadConfig } from '../../src/config.ts';
import { buildIndex } from '../../src/indexing/build-index.ts';
import { handbookEntries } from '../../src/service/question-index.ts';
import { countingTinyEmbedder } from './index-fixture.ts';
import { ROOT, TINY_MODEL } from './paths.ts';

const [handbookDir, dataDir] = process.argv.slice(2);
const config = loadConfig(
  { HANDBOOK_DIR: handbookDir, HANDBOOK_DATA_DIR: dataDir, HANDBOOK_MODEL_DIR: TINY_MODEL, HANDBOOK_MODEL_DTYPE: 'fp32' },
  ROOT,
);
const embedder = await countingTinyEmbedder(config);
embedder.embeddings.embedQueries = () => {
  console.log('EMBEDDING');
  return new Promise(() => {}); // never finishes: the parent kills this process here
};
const entries = (await handbookEntries(config)).map((e) => ({ ...e, hash: `${e.hash}-changed` }));
await buildIndex({ dataDir: config.dataDir, entries, embedder });
