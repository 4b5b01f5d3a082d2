import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { QuestionLog } from '../../src/server/question-log.ts';
import { startService } from '../../src/service/start-service.ts';
import { createTestApp, injectAsk, openFixtureState, type FixtureState } from '../support/app.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from '../support/paths.ts';

describe('when the question log cannot be written', () => {
  let fixture: FixtureState;
  beforeAll(async () => {
    fixture = await openFixtureState();
  });
  afterAll(() => fixture?.cleanup());

  it('still answers, without a questionId, and /api/health counts the failures', async () => {
    const failures: string[] = [];
    const file = path.join(fixture.dataDir, 'refusing.sqlite');
    const log = new QuestionLog(file, { onFailure: (e, action) => failures.push(`${action}: ${(e as Error).message}`) });
    // Stands in for a full disk: SQLite refuses every new question until the trigger is dropped.
    const other = new DatabaseSync(file);
    other.exec("CREATE TRIGGER refuse BEFORE INSERT ON questions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const app = await createTestApp(fixture, {}, undefined, { ...fixture.state, log });

    const res = await injectAsk(app, { question: 'dang ky khai tu' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ answer: { id: 'dang-ky-khai-tu' }, questionId: null, feedbackToken: null });
    expect(failures).toEqual(['record a question: database or disk is full']);

    const form = await app.inject({
      method: 'POST',
      url: '/api/ask',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'question=dang+ky+khai+tu',
    });
    expect(form.statusCode).toBe(200);

    expect((await app.inject('/api/health')).json()).toMatchObject({
      status: 'ok',
      questionLog: { ok: false, failures: 2, waiting: 0 },
    });

    other.exec('DROP TRIGGER refuse');
    other.close();
    expect((await injectAsk(app, { question: 'dang ky khai tu' })).json()).toMatchObject({ questionId: expect.any(Number) as unknown });
    expect((await app.inject('/api/health')).json()).toMatchObject({ questionLog: { ok: true, failures: 2, waiting: 0 } });
    await app.close();
    log.close();
  });

  it('says so when feedback cannot be kept', async () => {
    const log = new QuestionLog(path.join(fixture.dataDir, 'failing-feedback.sqlite'));
    log.close();
    const app = await createTestApp(fixture, {}, undefined, { ...fixture.state, log });
    const res = await app.inject({ method: 'POST', url: '/api/feedback', payload: { feedbackToken: 'x'.repeat(43), helpful: true } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: {
        code: 'question_log_unavailable',
        message:
          'the feedback could not be recorded because the question log cannot be written; try again later, and tell the IOC team if it persists',
      },
    });
    await app.close();
  });
});

describe('a damaged question log file at start', () => {
  it('stops the start with one message naming the file and what to do', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-corrupt-'));
    try {
      const file = path.join(dataDir, 'questions.sqlite');
      await writeFile(file, 'this is not a database, just some text that happens to be here\n'.repeat(100));
      const config = loadConfig(
        {
          HANDBOOK_MODEL: 'off',
          HANDBOOK_LOG_LEVEL: 'silent',
          HANDBOOK_DIR: FIXTURE_HANDBOOK,
          HANDBOOK_SITE_DIR: FIXTURE_SITE,
          HANDBOOK_DATA_DIR: dataDir,
          PORT: '0',
          HOST: '127.0.0.1',
        },
        ROOT,
      );
      await expect(startService(config, () => {})).rejects.toThrow(
        `the question log ${file} is not a SQLite database (it is damaged, or another file took its place); move it aside (mv ${file} ${file}.damaged) and start again: the service then creates a fresh question log`,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
