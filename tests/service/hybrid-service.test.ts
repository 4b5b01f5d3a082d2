import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startFixtureService } from '../support/service.ts';
import { TINY_MODEL } from '../support/paths.ts';

// The tiny model has random weights: these tests check that the real model path is wired end to end and that a
// meaningless model does not knock the right entry off the top, never that the model understands anything.
describe('the service with an embedding model', () => {
  let service: Awaited<ReturnType<typeof startFixtureService>>;
  beforeAll(async () => {
    service = await startFixtureService({ HANDBOOK_MODEL: 'on', HANDBOOK_MODEL_DIR: TINY_MODEL, HANDBOOK_MODEL_DTYPE: 'fp32' });
  });
  afterAll(() => service?.cleanup());

  it('reports hybrid mode and the loaded model in /api/health', async () => {
    const health = (await (await fetch(`${service.url}api/health`)).json()) as Record<string, any>;
    expect(health['mode']).toBe('hybrid');
    // No calibration was fitted for the tiny model: its similarity ranks, but the decision reads keywords only.
    expect(health['answerDecision']).toBe('keywords');
    expect(health['model']).toMatchObject({ state: 'loaded', id: 'tiny-random-bert', source: 'directory', dtype: 'fp32' });
    expect(health['index']['model']).toEqual({ id: 'tiny-random-bert', dtype: 'fp32', dimensions: 32 });
    expect(health).not.toHaveProperty('notice');
  });

  it('still answers the death-registration question typed without diacritics with that entry first', async () => {
    const { status, body } = await postJson(`${service.url}api/ask`, { question: 'dang ky khai tu can giay to gi' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'answered',
      mode: 'hybrid',
      answer: { id: 'dang-ky-khai-tu', url: '/civil-status/dang-ky-khai-tu/' },
    });
    expect(body).not.toHaveProperty('notice');
  });

  it('gives no confident answer to an out-of-scope question even though the model finds something similar', async () => {
    const { body } = await postJson(`${service.url}api/ask`, {
      question: 'Chứng thực chữ ký cần giấy tờ gì?',
    });
    expect(body['status']).toBe('no_confident_answer');
    expect((body['results'] as unknown[]).length).toBeGreaterThan(0);
  });
});
