import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createEmbedder } from '../../src/embeddings/create-embedder.ts';
import { ROOT, TINY_MODEL } from '../support/paths.ts';

const modelConfig = (env: Record<string, string>) => loadConfig(env, ROOT).model;

describe('loading the embedding model', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads the tiny fixture model from HANDBOOK_MODEL_DIR through transformers.js, without the network', async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('the network must not be used')));
    vi.stubGlobal('fetch', fetchSpy);
    const { embedder, status } = await createEmbedder(
      modelConfig({ HANDBOOK_MODEL_DIR: TINY_MODEL, HANDBOOK_MODEL_DTYPE: 'fp32' }),
      () => {},
    );
    expect(status).toMatchObject({ state: 'loaded', info: { id: 'tiny-random-bert', source: 'directory', dtype: 'fp32' } });
    expect(fetchSpy).not.toHaveBeenCalled();

    const [a, b] = await embedder!.embeddings.embedDocuments(['Đăng ký khai tử cần giấy tờ gì?', 'Chứng thực bản sao']);
    const q = await embedder!.embeddings.embedQuery('Làm giấy chứng tử cần những gì?');
    for (const v of [a!, b!, q]) {
      expect(v).toHaveLength(32);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    expect(a).not.toEqual(b);
  });

  it('embeds decomposed (NFD) text exactly like composed (NFC) text', async () => {
    const { embedder } = await createEmbedder(modelConfig({ HANDBOOK_MODEL_DIR: TINY_MODEL, HANDBOOK_MODEL_DTYPE: 'fp32' }), () => {});
    const text = 'Đăng ký khai tử';
    const nfc = await embedder!.embeddings.embedQuery(text.normalize('NFC'));
    const nfd = await embedder!.embeddings.embedQuery(text.normalize('NFD'));
    expect(nfd).toEqual(nfc);
  });

  it('reports the setting and the missing file when HANDBOOK_MODEL_DIR lacks the weights', async () => {
    const { embedder, status } = await createEmbedder(
      modelConfig({ HANDBOOK_MODEL_DIR: TINY_MODEL, HANDBOOK_MODEL_DTYPE: 'q8' }),
      () => {},
    );
    expect(embedder).toBeUndefined();
    expect(status.state).toBe('unavailable');
    expect(status.state === 'unavailable' && status.reason.replaceAll(ROOT, '<root>')).toBe(
      'HANDBOOK_MODEL_DIR is <root>/tests/fixtures/models/tiny-random-bert, but <root>/tests/fixtures/models/tiny-random-bert/onnx/model_quantized.onnx does not exist; point HANDBOOK_MODEL_DIR at a folder with config.json, tokenizer.json and onnx/model_quantized.onnx (or set HANDBOOK_MODEL_DTYPE to the weights it has)',
    );
  });

  it('says the model is switched off when HANDBOOK_MODEL=off', async () => {
    const { status } = await createEmbedder(modelConfig({ HANDBOOK_MODEL: 'off' }), () => {});
    expect(status).toEqual({ state: 'unavailable', reason: 'the model is switched off (HANDBOOK_MODEL=off)' });
  });
});
