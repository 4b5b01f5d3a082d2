/**
 * `npm run dev`: for editors. Serves the site with live reload and the question API; every saved entry is checked,
 * its pages and the question index rebuilt, and the browser reloaded.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { startDevService } from '../src/service/dev-server.ts';
import { stopOnSignals } from '../src/service/stop-on-signals.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await runCli(
  {
    name: 'dev',
    summary:
      'For editors: serves the site with live reload and the question API on PORT; a saved entry is checked, its pages and the question index rebuilt, and the browser reloaded within seconds. A broken entry shows file:line in the terminal and on the page while the last good version keeps serving.',
    options: {},
    examples: ['npm run dev', 'HANDBOOK_DIR=../other-handbook PORT=4322 npm run dev'],
  },
  async (_values, log) => {
    const config = loadConfig();
    const service = await startDevService(root, config, log);
    console.log(`\nEditing server at ${service.url} (edit files under ${path.relative(root, config.handbookDir) || '.'}; Ctrl+C stops it)`);
    stopOnSignals({
      close: async () => {
        await service.close();
        return 0;
      },
    });
  },
);
