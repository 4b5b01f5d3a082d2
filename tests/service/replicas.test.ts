import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildIndex } from '../../src/indexing/build-index.ts';
import { readHandbook } from '../../src/service/question-index.ts';
import { startService, type RunningService } from '../../src/service/start-service.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from '../support/paths.ts';
import { postJson } from '../support/service.ts';

describe('two replicas sharing one index folder, each with its own question log', () => {
  let shared: string;
  const replicas: RunningService[] = [];
  const settings = (log: string) =>
    loadConfig(
      {
        HANDBOOK_MODEL: 'off',
        HANDBOOK_LOG_LEVEL: 'silent',
        HANDBOOK_DIR: FIXTURE_HANDBOOK,
        HANDBOOK_SITE_DIR: FIXTURE_SITE,
        HANDBOOK_DATA_DIR: shared,
        HANDBOOK_QUESTION_LOG: path.join(shared, log),
        PORT: '0',
        HOST: '127.0.0.1',
      },
      ROOT,
    );

  beforeAll(async () => {
    shared = await mkdtemp(path.join(tmpdir(), 'handbook-replicas-'));
    // `npm run index` builds the index once; the replicas only read it.
    const { entries, glossary } = await readHandbook(settings('a.sqlite'));
    await buildIndex({ dataDir: shared, entries, glossary });
    for (const log of ['a.sqlite', 'b.sqlite']) replicas.push(await startService(settings(log), () => {}));
  });

  afterAll(async () => {
    for (const r of replicas) await r.close();
    await rm(shared, { recursive: true, force: true });
  });

  it('both answer, each logging to its own file', async () => {
    for (const r of replicas) {
      const { body } = await postJson(`${r.url}api/ask`, { question: 'lam giay chung tu can gi' });
      expect(body).toMatchObject({ status: 'answered', answer: { id: 'dang-ky-khai-tu' } });
    }
    expect(replicas.map((r) => r.state().log.unanswered().length)).toEqual([0, 0]);
    await postJson(`${replicas[0]!.url}api/ask`, { question: 'asdf qwerty zxcv' });
    expect(replicas.map((r) => r.state().log.unanswered().length)).toEqual([1, 0]);
  });

  it('both switch to a new index built by another process, without a restart', async () => {
    const question = { question: 'chứng thực hồ sơ hát karaoke ở xã' };
    const before = replicas.map((r) => r.state().manifest.builtAt);
    const { entries, glossary } = await readHandbook(settings('a.sqlite'));
    const edited = entries.map((e) =>
      e.id === 'chung-thuc-ban-sao' ? { ...e, aliases: [...e.aliases, 'Chứng thực hồ sơ hát karaoke ở xã?'], hash: `${e.hash}-edited` } : e,
    );
    await buildIndex({ dataDir: shared, entries: edited, glossary });
    const deadline = Date.now() + 15_000;
    while (replicas.some((r, i) => r.state().manifest.builtAt === before[i]) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    for (const r of replicas) {
      const { body } = await postJson(`${r.url}api/ask`, question);
      expect(body).toMatchObject({ status: 'answered', answer: { id: 'chung-thuc-ban-sao' } });
    }
  });
});
