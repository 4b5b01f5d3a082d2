import { loadConfig } from '../../src/config.ts';
import { buildSite, siteIsStale } from '../../src/service/site-build.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, REAL_HANDBOOK, REAL_SITE, ROOT } from './paths.ts';

/**
 * Builds, when stale, the fixture site (most browser tests) and the real handbook's site (the search-ranking and
 * offline tests), each with its browser question index and service worker.
 */
export default async function setup() {
  for (const [dir, site] of [
    [FIXTURE_HANDBOOK, FIXTURE_SITE],
    [REAL_HANDBOOK, REAL_SITE],
  ] as const) {
    const env = { ...process.env, HANDBOOK_DIR: dir, HANDBOOK_SITE_DIR: site };
    const config = loadConfig(env, ROOT);
    if (await siteIsStale(ROOT, config)) await buildSite(ROOT, config, env);
  }
}
