import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/server/question-log.ts';
import { ROOT } from '../support/paths.ts';

describe('npm run report:unanswered', () => {
  let dataDir: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/unanswered-report.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, HANDBOOK_DATA_DIR: dataDir },
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-report-'));
    const log = new QuestionLog(path.join(dataDir, 'questions.sqlite'));
    const ask = (question: string) =>
      log.record({
        question,
        normalized: question,
        lang: 'vi',
        status: 'no_confident_answer',
        topIds: [],
        confidence: 0,
        latencyMs: 1,
        mode: 'lexical',
      });
    ask('\u001b[2J\u001b[HXoá màn hình?\n    99×  câu hỏi giả mạo  — last 2026-01-01');
    ask(`Giá vàng ${'rất '.repeat(100)}cao?`);
    log.close();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('prints questions with their control characters made visible and long ones cut, one line each', () => {
    const { status, stdout } = run();
    expect(status).toBe(0);
    expect(stdout).not.toContain('\u001b');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('2 questions the handbook did not answer well:');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {4}1× {2}\\e\[2J\\e\[HXoá màn hình\?\\n {4}99× {2}câu hỏi giả mạo {2}— last 2026-01-01 {2}— last \d{4}-\d\d-\d\d$/,
      ),
    );
    const long = lines.find((l) => l.includes('Giá vàng'))!;
    expect(long).toMatch(/^ {4}1× {2}Giá vàng (rất ){27}rất… {2}— last /); // 120 characters, then "…"
  });

  it('prints the questions in full with --json', () => {
    const { stdout } = run('--json');
    expect((JSON.parse(stdout) as { example: string }[]).map((r) => r.example)).toContain(`Giá vàng ${'rất '.repeat(100)}cao?`);
  });

  it('explains itself with --help', () => {
    const { status, stdout } = run('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('npm run report:unanswered -- [options]');
    expect(stdout).toContain('--since <value>');
  });

  it('rejects a date it cannot read with one line and exit code 2', () => {
    const { status, stderr } = run('--since', 'yesterday');
    expect(status).toBe(2);
    expect(stderr).toBe('report:unanswered: --since is "yesterday"; write a date as YYYY-MM-DD\n');
  });
});
