import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hideServerPaths } from '../../src/server/hide-paths.ts';
import { createTestApp, openFixtureState, type FixtureState } from '../support/app.ts';

describe('/api/health', () => {
  let fixture: FixtureState;
  beforeAll(async () => {
    fixture = await openFixtureState();
  });
  afterAll(() => fixture?.cleanup());

  it('names a loaded model by its id and kind of source, not by the folder it came from', async () => {
    const model = {
      state: 'loaded' as const,
      info: { id: 'multilingual-e5-small', source: 'directory' as const, location: '/srv/models/multilingual-e5-small', dtype: 'q8' },
      loadMs: 812,
    };
    const app = await createTestApp(fixture, { HANDBOOK_MODEL_DIR: '/srv/models/multilingual-e5-small' }, undefined, {
      ...fixture.state,
      model,
    });
    const res = await app.inject('/api/health');
    expect(res.json()).toMatchObject({
      model: { state: 'loaded', id: 'multilingual-e5-small', source: 'directory', dtype: 'q8', loadMs: 812 },
    });
    expect(res.body).not.toContain('/srv/');
    await app.close();
  });

  it('says why a model is unavailable without the server paths in the reason', async () => {
    const reason =
      'HANDBOOK_MODEL_DIR is /srv/models/e5, but /srv/models/e5/onnx/model_quantized.onnx does not exist; point HANDBOOK_MODEL_DIR at a folder with config.json';
    const app = await createTestApp(fixture, { HANDBOOK_MODEL_DIR: '/srv/models/e5' }, undefined, {
      ...fixture.state,
      model: { state: 'unavailable', reason },
    });
    const body = (await app.inject('/api/health')).json();
    expect(body['model']).toEqual({
      state: 'unavailable',
      reason:
        'HANDBOOK_MODEL_DIR is $HANDBOOK_MODEL_DIR, but $HANDBOOK_MODEL_DIR/onnx/model_quantized.onnx does not exist; point HANDBOOK_MODEL_DIR at a folder with config.json',
    });
    expect(JSON.stringify(body)).not.toContain('/srv/');
    await app.close();
  });
});

describe('hideServerPaths', () => {
  const config = {
    siteDir: '/srv/hb/dist',
    dataDir: '/srv/hb/data',
    handbookDir: '/srv/hb/handbook',
    model: { cacheDir: '/srv/hb/.cache/models' },
  } as Parameters<typeof hideServerPaths>[1];

  it('names configured folders by their variables and keeps only the last part of other absolute paths', () => {
    expect(hideServerPaths('the model Xenova/e5 is not in /srv/hb/.cache/models and could not be downloaded', config)).toBe(
      'the model Xenova/e5 is not in $HANDBOOK_MODEL_CACHE and could not be downloaded',
    );
    expect(hideServerPaths('cannot read /home/ioc/models/e5/config.json (ENOENT)', config)).toBe('cannot read …/config.json (ENOENT)');
    expect(hideServerPaths('keyword search only: the model is switched off (HANDBOOK_MODEL=off)', config)).toBe(
      'keyword search only: the model is switched off (HANDBOOK_MODEL=off)',
    );
  });
});
