import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, TINY_MODEL } from '../support/paths.ts';

const MODEL_FILE = path.join(ROOT, 'src/retrieval/answer-model.json');

const fitDecision = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ['scripts/fit-decision.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });

// The tiny model has random weights: this checks the real loading code and the whole calibration run on the real
// handbook and dev questions, never what a model adds.
describe('npm run fit-decision -- --model', () => {
  it('asks the dev questions with the configured model and prints its calibration beside the keyword figures', async () => {
    const before = await readFile(MODEL_FILE, 'utf8');
    const out = fitDecision(['--model', '--dry-run', '--no-cache'], { HANDBOOK_MODEL_DIR: TINY_MODEL, HANDBOOK_MODEL_DTYPE: 'fp32' });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).toContain('(hybrid, tiny-random-bert fp32)');
    const printed = JSON.parse(out.stdout.slice(0, out.stdout.indexOf('\n}\n') + 2)) as { dense: Record<string, any> };
    expect(printed.dense['model']).toEqual({ id: 'tiny-random-bert', dtype: 'fp32' });
    expect(Object.keys(printed.dense['weights'])).toEqual(['keyword', 'first', 'gap', 'sameFirst']);
    expect(printed.dense['answerAt']).toBeGreaterThan(0);
    expect(out.stdout).toMatch(/keyword decision alone: answered right \d+\.\d%, answered wrong \d+\.\d%/);
    expect(out.stdout).toMatch(/with tiny-random-bert's similarity: answered right \d+\.\d%/);
    // A dry run writes nothing.
    expect(await readFile(MODEL_FILE, 'utf8')).toBe(before);
  });

  it('says in one line, with exit code 2, which setting to fix when no model can be loaded', () => {
    const out = fitDecision(['--model', '--dry-run'], { HANDBOOK_MODEL_DIR: path.join(ROOT, 'no-such-model-folder') });
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^fit-decision: --model needs the embedding model: .*HANDBOOK_MODEL_DIR/);
  });
});
