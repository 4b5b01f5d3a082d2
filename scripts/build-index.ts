/**
 * `npm run index`: (re)builds the question index from the handbook. Only entries whose content changed are
 * embedded again; the new index replaces the serving one only when complete.
 */
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { createEmbedder } from '../src/embeddings/create-embedder.ts';
import { buildIndex } from '../src/indexing/build-index.ts';
import { readHandbook } from '../src/service/question-index.ts';

await runCli(
  {
    name: 'index',
    summary:
      'Rebuilds the question index (keyword index, glossary and, with a model, vectors) beside the serving one and switches to it when complete; a running service picks it up within a second.',
    options: {},
    examples: ['npm run index', 'HANDBOOK_MODEL_DIR=/srv/models/multilingual-e5-small npm run index'],
  },
  async (_values, log) => {
    const config = loadConfig();
    const { embedder, status } = await createEmbedder(config.model, log);
    if (status.state === 'unavailable') log(`no embedding model (${status.reason}); building a keyword-only index`);
    const { entries, glossary, sourceHash } = await readHandbook(config);
    const { dir, manifest } = await buildIndex({ dataDir: config.dataDir, entries, glossary, sourceHash, embedder, log });
    log(
      `serving ${dir}: ${manifest.counts.entries} entries, ${manifest.counts.passages} passages, ${manifest.counts.embedded} embedded, ${manifest.counts.reused} reused`,
    );
  },
);
