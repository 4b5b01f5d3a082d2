import { unwatchFile, watchFile } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.ts';
import { createEmbedder } from '../embeddings/create-embedder.ts';
import { CURRENT_FILE, currentIndexDir } from '../indexing/index-files.ts';
import { openSearch } from '../retrieval/open-search.ts';
import type { ServiceState } from '../server/ask-handbook.ts';
import { createHandbookApp } from '../server/create-app.ts';
import { createLogger } from '../server/logger.ts';
import { QuestionLog } from '../server/question-log.ts';
import { ensureIndex } from './question-index.ts';

/** A running service: its address and how to stop it. */
export interface RunningService {
  url: string;
  app: FastifyInstance;
  state: () => ServiceState;
  /**
   * Stops taking connections, lets the requests in flight finish (at most `HANDBOOK_SHUTDOWN_TIMEOUT`
   * seconds, then their connections are closed), and closes the question log. Resolves to the number of
   * requests cut short (0 when all finished).
   */
  close: () => Promise<number>;
}

/** How the service logs. */
export interface ServiceLogging {
  /** Readable log lines instead of JSON (`npm start` on a terminal). */
  pretty?: boolean;
  /** Every log line to this stream (tests). */
  destination?: DestinationStream;
}

/**
 * Loads the model (or notes why not), makes sure the question index is
 * current, and serves the site and the API. When another process switches the
 * index (`npm run index`), the service reopens it; if that fails, it keeps
 * serving the index it has. `log` gets the start-up messages for the person
 * starting it; requests are logged as pino lines (src/server/logger.ts).
 */
export async function startService(
  config: Config,
  log: (line: string) => void = console.log,
  logging: ServiceLogging = {},
): Promise<RunningService> {
  const logger = createLogger({ level: config.server.logLevel, ...logging });
  const { embedder, status } = await createEmbedder(config.model, log);
  if (status.state === 'loaded')
    log(`model: ${status.info.id} (${status.info.dtype}) from ${status.info.location}, loaded in ${status.loadMs} ms`);
  else log(`model: not available, answering with keyword search only: ${status.reason}`);

  const dir = await ensureIndex(config, embedder, log);
  const logFile = config.questionLog;
  const questionLog = new QuestionLog(logFile, {
    onFailure: (err, action) => logger.error({ err, file: logFile }, `question log: could not ${action}; the answer was given without it`),
  });
  const open = async (d: string): Promise<ServiceState> => {
    const opened = await openSearch(d, config.retrieval, embedder);
    if (opened.denseSkipped) log(`dense search is off: ${opened.denseSkipped}`);
    else if (embedder && opened.search.confidenceFrom === 'keywords')
      log(
        `answer decision: keyword signals only, none is calibrated for ${embedder.model.id} (${embedder.model.dtype}); with real weights, run npm run fit-decision -- --model`,
      );
    return { search: opened.search, manifest: opened.manifest, model: status, denseSkipped: opened.denseSkipped, log: questionLog };
  };
  let state: ServiceState;
  try {
    state = await open(dir);
  } catch (e) {
    questionLog.close();
    throw e;
  }
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
  const stopWatching = () => unwatchFile(currentFile);

  const app = await createHandbookApp({ config, getState: () => state, logger });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    stopWatching();
    questionLog.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} is in use; stop the other server or set PORT to a free port`, { cause: e });
    }
    throw e;
  }
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  return {
    url,
    app,
    state: () => state,
    close: async () => {
      stopWatching();
      try {
        return await closeWithin(app, config.server.shutdownTimeoutSeconds * 1000);
      } finally {
        questionLog.close();
      }
    },
  };
}

/** Closes the app, giving requests in flight `ms` to finish; returns how many connections were cut short. */
async function closeWithin(app: FastifyInstance, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const closed = app.close().then(() => 'closed' as const);
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  // A keep-alive connection whose answer has gone would otherwise stay open until the client drops it.
  const reaper = setInterval(() => app.server.closeIdleConnections(), 50);
  try {
    if ((await Promise.race([closed, late])) === 'closed') return 0;
    const cut = await new Promise<number>((resolve) => app.server.getConnections((_, n) => resolve(n ?? 0)));
    app.server.closeAllConnections();
    await closed;
    return cut;
  } finally {
    clearTimeout(timer);
    clearInterval(reaper);
  }
}
