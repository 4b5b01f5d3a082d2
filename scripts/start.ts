/**
 * `npm start`: builds what is missing or stale (the site, the question index), then serves the site and the
 * question API on one port until SIGTERM or SIGINT, which let the requests in flight finish.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { buildSite, siteIsStale } from '../src/service/site-build.ts';
import { startService } from '../src/service/start-service.ts';
import { stopOnSignals } from '../src/service/stop-on-signals.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await runCli(
  {
    name: 'start',
    summary:
      'Builds the site and the question index when they are missing or out of date, then serves both on one port (PORT, HOST) until SIGTERM or SIGINT. Settings are environment variables (README, Configuration).',
    options: {},
    examples: ['npm start', 'PORT=8080 HOST=0.0.0.0 HANDBOOK_TRUST_PROXY=127.0.0.1 npm start'],
  },
  async () => {
    const config = loadConfig();
    if (await siteIsStale(root, config)) {
      console.log('building the site (pages and search index)…');
      await buildSite(root, config, process.env);
    }
    const service = await startService(config, console.log, { pretty: process.stdout.isTTY === true });
    console.log(`\nHandbook ready at ${service.url}  (question API: ${service.url}api/ask, status: ${service.url}api/health)`);
    stopOnSignals(service);
  },
);
