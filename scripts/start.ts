/**
 * `npm start`: builds what is missing or stale (the site, the question index), then serves the site and the
 * question API on one port until SIGTERM or SIGINT, which let the requests in flight finish.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { buildSite, siteIsStale } from '../src/service/site-build.ts';
import { startService } from '../src/service/start-service.ts';
import { stopOnSignals } from '../src/service/stop-on-signals.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
try {
  const config = loadConfig();
  if (await siteIsStale(root, config)) {
    console.log('building the site (pages and search index)…');
    await buildSite(root, config, process.env);
  }
  const service = await startService(config, console.log, { pretty: process.stdout.isTTY === true });
  console.log(`\nHandbook ready at ${service.url}  (question API: ${service.url}api/ask, status: ${service.url}api/health)`);
  stopOnSignals(service);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
