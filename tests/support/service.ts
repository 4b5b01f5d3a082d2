import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { startService, type RunningService } from '../../src/service/start-service.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from './paths.ts';

/**
 * Starts the real service (site + API) on a free port over the fixture site and
 * handbook, with its own data folder. `env` adds settings, e.g. HANDBOOK_MODEL_DIR.
 */
export async function startFixtureService(
  env: Record<string, string> = {},
): Promise<RunningService & { config: Config; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-test-'));
  const config = loadConfig(
    {
      HANDBOOK_MODEL: 'off',
      HANDBOOK_LOG_LEVEL: 'silent',
      ...env,
      HANDBOOK_DIR: FIXTURE_HANDBOOK,
      HANDBOOK_SITE_DIR: FIXTURE_SITE,
      HANDBOOK_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    ROOT,
  );
  const service = await startService(config, () => {});
  return {
    ...service,
    config,
    cleanup: async () => {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
