import { loadConfig } from '../../src/config.ts';
import { buildSite, siteIsStale } from '../../src/service/site-build.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from './paths.ts';

/** Builds the fixture site once (pages and Pagefind index) for the build and browser tests. */
export default async function setup() {
  const env = { ...process.env, HANDBOOK_DIR: FIXTURE_HANDBOOK, HANDBOOK_SITE_DIR: FIXTURE_SITE };
  const config = loadConfig(env, ROOT);
  if (await siteIsStale(ROOT, config)) await buildSite(ROOT, config, env);
}
