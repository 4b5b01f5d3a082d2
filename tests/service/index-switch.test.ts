import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/indexing/build-index.ts';
import { handbookEntries } from '../../src/service/question-index.ts';
import { postJson, startFixtureService } from '../support/service.ts';

describe('a running service when the index is rebuilt by another process', () => {
  let service: Awaited<ReturnType<typeof startFixtureService>>;
  beforeAll(async () => {
    service = await startFixtureService();
  });
  afterAll(() => service?.cleanup());

  it('switches to the new index without a restart and answers from it', async () => {
    const question = { question: 'chứng thực hồ sơ hát karaoke ở xã' };
    expect((await postJson(`${service.url}api/ask`, question)).body['status']).not.toBe('answered');
    const before = service.state().manifest.builtAt;
    const entries = (await handbookEntries(service.config)).map((e) =>
      e.id === 'chung-thuc-ban-sao' ? { ...e, aliases: [...e.aliases, 'Chứng thực hồ sơ hát karaoke ở xã?'], hash: `${e.hash}-edited` } : e,
    );
    await buildIndex({ dataDir: service.config.dataDir, entries, embedder: undefined });

    const deadline = Date.now() + 10_000;
    while (service.state().manifest.builtAt === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(service.state().manifest.builtAt).not.toBe(before);

    const { body } = await postJson(`${service.url}api/ask`, question);
    expect(body).toMatchObject({ status: 'answered', answer: { id: 'chung-thuc-ban-sao' } });
  });
});
