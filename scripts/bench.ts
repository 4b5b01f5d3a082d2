/**
 * `npm run bench`: speed and memory of what a user waits for — the question index build, the service's start,
 * `POST /api/ask` over HTTP at concurrency 1 and 16, today's keyword engine beside the MiniSearch one it
 * replaced, and the site build — on the real handbook or a synthetic one of any size. Prints a table, or with
 * --json one JSON object on the last line. Uses the model in HANDBOOK_MODEL_DIR when set (e.g.
 * ../shared/models/bench/e5-small-shape-random-v250k: random weights of e5-small's shape, timings only).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../src/cli/cli-error.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { runBench } from '../src/evaluation/bench/run-bench.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** Above this many entries the site is built only when asked (--site): it takes minutes. */
const SITE_BY_DEFAULT_UP_TO = 1000;

const whole = (values: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number => {
  const text = values[name];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${name} takes a whole number from ${min} to ${max} (got "${String(text)}")`);
  return n;
};

await runCli(
  {
    name: 'bench',
    summary:
      'Measures the index build, the service start, POST /api/ask latency (p50/p95/p99 at concurrency 1 and 16), throughput, memory, the keyword engine beside the old MiniSearch one, and the site build, on the real handbook or a synthetic one of N entries.',
    options: {
      entries: {
        type: 'string',
        description: 'use a synthetic Vietnamese handbook of this many entries, made from the real ones (default: the real handbook)',
      },
      runs: { type: 'string', description: 'repeat every measurement this many times and report median and min (default 1)' },
      site: {
        type: 'boolean',
        description: `also build the site (default only up to ${SITE_BY_DEFAULT_UP_TO} entries; built once whatever --runs says)`,
      },
      'no-site': { type: 'boolean', description: 'do not build the site' },
      requests: { type: 'string', description: 'questions sent per concurrency level (default 400)' },
      seed: { type: 'string', description: 'seed of the synthetic handbook and of the questions (default 1)' },
      timeout: { type: 'string', description: 'minutes any one phase may take before it is stopped and reported (default 30)' },
      'cpu-prof': {
        type: 'string',
        description: 'write CPU profiles (node --cpu-prof) of the index, engine and service processes to this folder',
      },
      keep: { type: 'boolean', description: 'keep the work folder (synthetic handbook, logs) and print where it is' },
      json: { type: 'boolean', description: 'print one JSON object (median figures, "min", "values" per run) on the last line' },
    },
    examples: [
      'npm run bench -- --entries 10000 --runs 3 --json',
      'HANDBOOK_MODEL_DIR=../shared/models/bench/e5-small-shape-random-v250k npm run bench -- --entries 2000',
    ],
  },
  async (values, log) => {
    if (values['site'] && values['no-site']) throw new CliError('give --site or --no-site, not both');
    const entries = values['entries'] === undefined ? undefined : whole(values, 'entries', 0, 1, 1_000_000);
    const result = await runBench({
      root,
      env: process.env,
      entries,
      runs: whole(values, 'runs', 1, 1, 20),
      site: values['site'] === true || (!values['no-site'] && (entries ?? 0) <= SITE_BY_DEFAULT_UP_TO),
      requests: whole(values, 'requests', 400, 10, 100_000),
      seed: whole(values, 'seed', 1, 0, 2 ** 31),
      timeoutMs: whole(values, 'timeout', 30, 1, 24 * 60) * 60_000,
      cpuProfDir: values['cpu-prof'] as string | undefined,
      keep: values['keep'] === true,
      log,
    });
    if (values['keep']) log(`work folder kept: ${result.work}`);
    if (values['json']) {
      console.log(JSON.stringify({ ...result.median, min: result.min, values: result.values }));
      return;
    }
    for (const [key, value] of Object.entries(result.median)) {
      const all = result.values[key]!;
      const extra = all.length > 1 && typeof value === 'number' ? `  (min ${result.min[key]}; runs ${all.join(', ')})` : '';
      console.log(`${key.padEnd(30)} ${String(value).replace(/\n/g, ' ')}${extra}`);
    }
  },
);
