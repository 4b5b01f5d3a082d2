import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const ROOT = '/srv/handbook';

describe('loadConfig', () => {
  it('uses the defaults when no variable is set, with folders under the root', () => {
    expect(loadConfig({}, ROOT)).toEqual({
      port: 4321,
      host: 'localhost',
      handbookDir: '/srv/handbook/handbook',
      siteDir: '/srv/handbook/dist',
      dataDir: '/srv/handbook/data',
      model: {
        id: 'Xenova/multilingual-e5-small',
        dtype: 'q8',
        cacheDir: '/srv/handbook/.cache/models',
        enabled: true,
        batchSize: 16,
      },
      retrieval: { denseWeight: 0.5, denseFloor: 0.7, threshold: 0.5, denseConfidenceWeight: 0 },
      limits: { maxQuestionChars: 500, maxBodyBytes: 8192, perMinute: 60 },
    });
  });

  it('treats empty and blank variables as unset', () => {
    expect(loadConfig({ PORT: '', HANDBOOK_DIR: '   ', HANDBOOK_DENSE_WEIGHT: ' ' }, ROOT)).toEqual(loadConfig({}, ROOT));
  });

  it('reads every setting from its environment variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        HANDBOOK_MODEL_ID: 'Xenova/multilingual-e5-base',
        HANDBOOK_MODEL_DTYPE: 'fp32',
        HANDBOOK_EMBED_BATCH: '32',
        HANDBOOK_DENSE_WEIGHT: '0.3',
        HANDBOOK_DENSE_FLOOR: '0.75',
        HANDBOOK_ANSWER_THRESHOLD: '0.6',
        HANDBOOK_DENSE_CONFIDENCE: '0.2',
        HANDBOOK_MAX_QUESTION: '300',
        HANDBOOK_MAX_BODY: '4096',
        HANDBOOK_RATE_LIMIT: '20',
      },
      ROOT,
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      model: { id: 'Xenova/multilingual-e5-base', dtype: 'fp32', batchSize: 32, enabled: true },
      retrieval: { denseWeight: 0.3, denseFloor: 0.75, threshold: 0.6, denseConfidenceWeight: 0.2 },
      limits: { maxQuestionChars: 300, maxBodyBytes: 4096, perMinute: 20 },
    });
  });

  it.each(['off', 'OFF', '0', 'false', 'no'])('switches the model off with HANDBOOK_MODEL=%s', (value) => {
    expect(loadConfig({ HANDBOOK_MODEL: value }, ROOT).model.enabled).toBe(false);
  });

  it('keeps the model on with HANDBOOK_MODEL=on', () => {
    expect(loadConfig({ HANDBOOK_MODEL: 'on' }, ROOT).model.enabled).toBe(true);
  });

  it('resolves relative folders against the root and keeps absolute ones', () => {
    const config = loadConfig(
      {
        HANDBOOK_DIR: '/var/lib/handbook/entries',
        HANDBOOK_SITE_DIR: '../public',
        HANDBOOK_DATA_DIR: 'var/data',
        HANDBOOK_MODEL_DIR: 'models/e5-small',
        HANDBOOK_MODEL_CACHE: '/tmp/models',
      },
      ROOT,
    );
    expect(config.handbookDir).toBe('/var/lib/handbook/entries');
    expect(config.siteDir).toBe('/srv/public');
    expect(config.dataDir).toBe('/srv/handbook/var/data');
    expect(config.model.dir).toBe('/srv/handbook/models/e5-small');
    expect(config.model.cacheDir).toBe('/tmp/models');
  });

  it('leaves the model folder unset when HANDBOOK_MODEL_DIR is not given', () => {
    expect(loadConfig({}, ROOT).model.dir).toBeUndefined();
  });

  it('rejects a port that is not a number, naming PORT', () => {
    expect(() => loadConfig({ PORT: 'abc' }, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        PORT="abc": write a whole number from 0 to 65535]
    `);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' }, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        PORT="70000": write a whole number from 0 to 65535]
    `);
  });

  it('rejects a dense weight above 1, naming HANDBOOK_DENSE_WEIGHT', () => {
    expect(() => loadConfig({ HANDBOOK_DENSE_WEIGHT: '2' }, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        HANDBOOK_DENSE_WEIGHT="2": write a number from 0 to 1]
    `);
  });

  it('rejects an unknown model weight type, naming HANDBOOK_MODEL_DTYPE and the allowed ones', () => {
    expect(() => loadConfig({ HANDBOOK_MODEL_DTYPE: 'fp99' }, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        HANDBOOK_MODEL_DTYPE="fp99": write one of: fp32, fp16, q8, int8, uint8, q4]
    `);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', HANDBOOK_MAX_BODY: '10', HANDBOOK_RATE_LIMIT: '0' }, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        PORT="abc": write a whole number from 0 to 65535
        HANDBOOK_MAX_BODY="10": write a whole number from 256 to 1000000
        HANDBOOK_RATE_LIMIT="0": write a whole number from 1 to 1000000]
    `);
  });

  it('rejects a mistyped model switch instead of reading it as on', () => {
    expect(() => loadConfig({ HANDBOOK_MODEL: 'of' }, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        HANDBOOK_MODEL="of": write on or off]
    `);
  });

  it('throws a ConfigError', () => {
    expect(() => loadConfig({ HANDBOOK_ANSWER_THRESHOLD: 'high' }, ROOT)).toThrow(ConfigError);
  });
});
