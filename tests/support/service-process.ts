/**
 * Child process for the shutdown tests: the real service over the fixture site and handbook, stopped by the
 * same signal handling as `npm start`, with every answer slowed by `slowMs` so requests are in flight when
 * the signal comes. Prints `{"url": …}` on stdout once it listens, then its start-up and stop messages.
 *   node tests/support/service-process.ts <dataDir> <slowMs> [settings as JSON]
 */
import { loadConfig } from '../../src/config.ts';
import { startService } from '../../src/service/start-service.ts';
import { stopOnSignals } from '../../src/service/stop-on-signals.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from './paths.ts';

const [dataDir = '', slowMs = '0', settings = '{}'] = process.argv.slice(2);
const config = loadConfig(
  {
    HANDBOOK_MODEL: 'off',
    HANDBOOK_LOG_LEVEL: 'warn',
    ...(JSON.parse(settings) as Record<string, string>),
    HANDBOOK_DIR: FIXTURE_HANDBOOK,
    HANDBOOK_SITE_DIR: FIXTURE_SITE,
    HANDBOOK_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
  },
  ROOT,
);
const service = await startService(config, () => {});
const search = service.state().search;
const answer = search.search.bind(search);
search.search = async (request) => {
  await new Promise((r) => setTimeout(r, Number(slowMs)));
  return answer(request);
};
console.log(JSON.stringify({ url: service.url }));
stopOnSignals(service, (line) => console.log(line));
