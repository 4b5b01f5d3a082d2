/**
 * `npm run index`: (re)builds the question index from the handbook. Only
 * entries whose content changed are embedded again; the new index replaces the
 * serving one only when complete.
 */
import { loadConfig } from '../src/config.ts';
import { createEmbedder } from '../src/embeddings/create-embedder.ts';
import { buildIndex } from '../src/indexing/build-index.ts';
import { handbookEntries } from '../src/service/question-index.ts';

try {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const { embedder, status } = await createEmbedder(config.model, log);
  if (status.state === 'unavailable') log(`no embedding model (${status.reason}); building a keyword-only index`);
  const { dir, manifest } = await buildIndex({ dataDir: config.dataDir, entries: await handbookEntries(config), embedder, log });
  log(`serving ${dir}: ${manifest.counts.entries} entries, ${manifest.counts.passages} passages, ${manifest.counts.embedded} embedded, ${manifest.counts.reused} reused`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
