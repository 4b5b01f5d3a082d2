import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { openSearch } from '../../src/retrieval/open-search.ts';
import type { ServiceState } from '../../src/server/ask-handbook.ts';
import { createHandbookApp } from '../../src/server/create-app.ts';
import { QuestionLog } from '../../src/server/question-log.ts';
import { ensureIndex } from '../../src/service/question-index.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from './paths.ts';

/** The fixture handbook's index and a question log in a temp folder: what an app serves, without a port. */
export interface FixtureState {
  dataDir: string;
  state: ServiceState;
  /** A config over the fixture site and this data folder; `env` adds settings. */
  config: (env?: Record<string, string>) => Config;
  cleanup: () => Promise<void>;
}

/** Builds the fixture index once (keyword-only) and opens it; each test then makes its own app over it. */
export async function openFixtureState(): Promise<FixtureState> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-app-'));
  const config = (env: Record<string, string> = {}) =>
    loadConfig(
      { HANDBOOK_MODEL: 'off', ...env, HANDBOOK_DIR: FIXTURE_HANDBOOK, HANDBOOK_SITE_DIR: FIXTURE_SITE, HANDBOOK_DATA_DIR: dataDir },
      ROOT,
    );
  const dir = await ensureIndex(config(), undefined, () => {});
  const { search, manifest } = await openSearch(dir, config().retrieval, undefined);
  const log = new QuestionLog(path.join(dataDir, 'questions.sqlite'));
  const state: ServiceState = {
    search,
    manifest,
    model: { state: 'unavailable', reason: 'the model is switched off (HANDBOOK_MODEL=off)' },
    log,
  };
  return {
    dataDir,
    state,
    config,
    cleanup: async () => {
      log.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh app (its own rate-limit budgets) over `state`, logging nowhere unless given a logger. */
export async function createTestApp(
  fixture: Pick<FixtureState, 'config' | 'state'>,
  env: Record<string, string> = {},
  logger: FastifyBaseLogger = pino({ level: 'silent' }),
  state: ServiceState = fixture.state,
): Promise<FastifyInstance> {
  const app = await createHandbookApp({ config: fixture.config(env), getState: () => state, logger });
  await app.ready();
  return app;
}

/** POST /api/ask through `inject`, as JSON. */
export function injectAsk(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') {
  return app.inject({
    method: 'POST',
    url: '/api/ask',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
    remoteAddress,
  });
}
