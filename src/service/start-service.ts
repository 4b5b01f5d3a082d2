import { unwatchFile, watchFile } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Config } from '../config.ts';
import { createEmbedder } from '../embeddings/create-embedder.ts';
import { CURRENT_FILE, currentIndexDir } from '../indexing/index-files.ts';
import { openSearch } from '../retrieval/open-search.ts';
import type { ServiceState } from '../server/ask-handbook.ts';
import { createHandbookServer } from '../server/create-server.ts';
import { QuestionLog } from '../server/question-log.ts';
import { ensureIndex } from './question-index.ts';

/** A running service: its address and how to stop it. */
export interface RunningService {
  url: string;
  server: Server;
  state: () => ServiceState;
  close: () => Promise<void>;
}

/**
 * Loads the model (or notes why not), makes sure the question index is
 * current, and serves the site and the API. When another process switches the
 * index (`npm run index`), the service reopens it; if that fails, it keeps
 * serving the index it has.
 */
export async function startService(config: Config, log: (line: string) => void = console.log): Promise<RunningService> {
  const { embedder, status } = await createEmbedder(config.model, log);
  if (status.state === 'loaded') log(`model: ${status.info.id} (${status.info.dtype}) from ${status.info.location}, loaded in ${status.loadMs} ms`);
  else log(`model: not available, answering with keyword search only: ${status.reason}`);

  const dir = await ensureIndex(config, embedder, log);
  const questionLog = new QuestionLog(path.join(config.dataDir, 'questions.sqlite'));
  const open = async (d: string): Promise<ServiceState> => {
    const opened = await openSearch(d, config.retrieval, embedder);
    if (opened.denseSkipped) log(`dense search is off: ${opened.denseSkipped}`);
    return { search: opened.search, manifest: opened.manifest, model: status, denseSkipped: opened.denseSkipped, log: questionLog };
  };
  let state = await open(dir);
  let serving = dir;

  const currentFile = path.join(config.dataDir, CURRENT_FILE);
  watchFile(currentFile, { interval: 1000 }, async () => {
    try {
      const next = await currentIndexDir(config.dataDir);
      if (!next || next === serving) return;
      state = await open(next);
      serving = next;
      log(`now serving the index built at ${state.manifest.builtAt}`);
    } catch (e) {
      log(`kept the previous index: the new one could not be opened (${(e as Error).message})`);
    }
  });

  const server = createHandbookServer(config, () => state, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${config.port} is in use; stop the other server or set PORT to a free port`) : e),
    );
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  return {
    url,
    server,
    state: () => state,
    close: async () => {
      unwatchFile(currentFile);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      questionLog.close();
    },
  };
}
