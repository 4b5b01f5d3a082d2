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
      questionLog: '/srv/handbook/data/questions.sqlite',
      model: {
        id: 'Xenova/multilingual-e5-small',
        dtype: 'q8',
        cacheDir: '/srv/handbook/.cache/models',
        enabled: true,
        batchSize: 16,
      },
      retrieval: { denseWeight: 0.5, denseFloor: 0.7, denseConfidenceWeight: 0 },
      limits: { maxQuestionChars: 500, maxBodyBytes: 8192, perMinute: 60, globalPerMinute: 600 },
      server: {
        trustProxy: false,
        logLevel: 'info',
        headersTimeoutSeconds: 10,
        requestTimeoutSeconds: 30,
        keepAliveTimeoutSeconds: 65,
        shutdownTimeoutSeconds: 10,
      },
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

describe('the HTTP settings', () => {
  it('reads them from their variables', () => {
    expect(
      loadConfig(
        {
          HANDBOOK_RATE_LIMIT_GLOBAL: '1200',
          HANDBOOK_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16',
          HANDBOOK_LOG_LEVEL: 'warn',
          HANDBOOK_HEADERS_TIMEOUT: '5',
          HANDBOOK_REQUEST_TIMEOUT: '20',
          HANDBOOK_KEEP_ALIVE_TIMEOUT: '75',
          HANDBOOK_SHUTDOWN_TIMEOUT: '2.5',
        },
        ROOT,
      ),
    ).toMatchObject({
      limits: { globalPerMinute: 1200 },
      server: {
        trustProxy: ['10.0.0.1', '192.168.0.0/16'],
        logLevel: 'warn',
        headersTimeoutSeconds: 5,
        requestTimeoutSeconds: 20,
        keepAliveTimeoutSeconds: 75,
        shutdownTimeoutSeconds: 2.5,
      },
    });
  });

  it.each([
    ['off', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['loopback, 10.0.0.0/8, ::1, fd00::/8', ['loopback', '10.0.0.0/8', '::1', 'fd00::/8']],
  ])('reads HANDBOOK_TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ HANDBOOK_TRUST_PROXY: value }, ROOT).server.trustProxy).toEqual(expected);
  });

  it('rejects a trust-proxy value that is no address, CIDR or hop count, and a bad log level', () => {
    expect(() => loadConfig({ HANDBOOK_TRUST_PROXY: 'nginx, 10.0.0.0/33', HANDBOOK_LOG_LEVEL: 'verbose' }, ROOT))
      .toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        HANDBOOK_TRUST_PROXY="nginx, 10.0.0.0/33": write off, a hop count such as 1, true, or the proxy addresses or CIDRs separated by commas, e.g. 127.0.0.1,10.0.0.0/8
        HANDBOOK_LOG_LEVEL="verbose": write one of: fatal, error, warn, info, debug, trace, silent]
    `);
  });

  it('rejects a request timeout shorter than the headers timeout', () => {
    expect(() => loadConfig({ HANDBOOK_HEADERS_TIMEOUT: '20', HANDBOOK_REQUEST_TIMEOUT: '10' }, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Some settings cannot be used; fix these environment variables:
        HANDBOOK_REQUEST_TIMEOUT="10": write a request timeout at least as long as HANDBOOK_HEADERS_TIMEOUT]
    `);
  });
});
