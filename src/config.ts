import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'astro/zod';

const DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4'] as const;
const SWITCH: Record<string, boolean> = { on: true, off: false, true: true, false: false, '1': true, '0': false, yes: true, no: false };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const TRUST_PROXY_HELP =
  'write off, a hop count such as 1, true, or the proxy addresses or CIDRs separated by commas, e.g. 127.0.0.1,10.0.0.0/8';
/** Names proxy-addr (and so Fastify) accepts for groups of addresses. */
const ADDRESS_GROUPS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads `HANDBOOK_TRUST_PROXY` into the value Fastify's `trustProxy` takes, or undefined when it is none of
 * the accepted forms.
 * @example parseTrustProxy('1') // 1
 * @example parseTrustProxy('127.0.0.1, 10.0.0.0/8') // ['127.0.0.1', '10.0.0.0/8']
 */
export function parseTrustProxy(text: string): boolean | number | string[] | undefined {
  const word = text.trim().toLowerCase();
  // A number is a hop count, so "1" trusts one proxy rather than every peer.
  if (/^\d+$/.test(word)) return Number(word) > 0 ? Number(word) : false;
  if (word in SWITCH) return SWITCH[word]!;
  const items = word.split(',').map((s) => s.trim());
  const valid = (item: string) => {
    if (ADDRESS_GROUPS.has(item)) return true;
    const [address = '', prefix, extra] = item.split('/');
    const version = isIP(address);
    if (!version || extra !== undefined) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
  };
  return items.every(valid) ? items : undefined;
}

/**
 * Settings of the service and the tools, read from environment variables.
 * This module is the only reader of `process.env`; everything else receives a
 * {@link Config}. Each field names the variable that sets it.
 */
/** A whole number (or any number) in a range, with a message that says which. */
function numberIn(min: number, max: number, fallback: number, whole = true) {
  const message = `write ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  const n = z.coerce.number({ message }).min(min, { message }).max(max, { message });
  return (whole ? n.int({ message }) : n).default(fallback);
}

export const ConfigSchema = z.object({
  /** `PORT`: port of the site and question endpoint. */
  port: numberIn(0, 65535, 4321),
  /** `HOST`: interface to listen on. */
  host: z.string().min(1, { message: 'write a host name or address, e.g. localhost or 0.0.0.0' }).default('localhost'),
  /** `HANDBOOK_DIR`: folder of handbook entries. */
  handbookDir: z.string().min(1).default('handbook'),
  /** `HANDBOOK_SITE_DIR`: where the built site is written and served from. */
  siteDir: z.string().min(1).default('dist'),
  /** `HANDBOOK_DATA_DIR`: where the question index and the question log live. */
  dataDir: z.string().min(1).default('data'),
  /** `HANDBOOK_QUESTION_LOG`: the question log file; one per server process when several share one index. */
  questionLog: z.string().min(1).optional(),
  model: z.object({
    /** `HANDBOOK_MODEL_ID`: embedding model on the Hugging Face Hub (downloaded once, then cached). */
    id: z.string().min(1).default('Xenova/multilingual-e5-small'),
    /** `HANDBOOK_MODEL_DIR`: a folder holding the model files; when set, only this folder is used and nothing is downloaded. */
    dir: z.string().min(1).optional(),
    /** `HANDBOOK_MODEL_DTYPE`: which ONNX weights to load (q8 = onnx/model_quantized.onnx, fp32 = onnx/model.onnx). */
    dtype: z.enum(DTYPES, { message: `write one of: ${DTYPES.join(', ')}` }).default('q8'),
    /** `HANDBOOK_MODEL_CACHE`: where downloaded models are kept. */
    cacheDir: z.string().min(1).default('.cache/models'),
    /** `HANDBOOK_MODEL`: `off` runs lexical-only without trying to load a model. */
    enabled: z.boolean({ message: 'write on or off' }).default(true),
    /** `HANDBOOK_EMBED_BATCH`: passages embedded per batch. */
    batchSize: numberIn(1, 256, 16),
  }),
  retrieval: z.object({
    /** `HANDBOOK_DENSE_WEIGHT`: weight of the dense score in the hybrid score (the lexical weight is 1 minus it). */
    denseWeight: numberIn(0, 1, 0.5, false),
    /** `HANDBOOK_DENSE_FLOOR`: cosine similarity treated as "unrelated" by the model (0.7 for e5 models, per their model card). */
    denseFloor: numberIn(-1, 0.99, 0.7, false),
    /**
     * `HANDBOOK_ANSWER_THRESHOLD`: overrides the probability at or above which the best entry is given as the
     * answer; by default the one `npm run fit-decision` chose (src/retrieval/answer-model.json).
     */
    threshold: z.coerce
      .number({ message: 'write a number from 0 to 1' })
      .min(0, { message: 'write a number from 0 to 1' })
      .max(1, { message: 'write a number from 0 to 1' })
      .optional(),
    /** `HANDBOOK_DENSE_CONFIDENCE`: weight of the dense similarity in the confidence; 0 until calibrated with a real model. */
    denseConfidenceWeight: numberIn(0, 1, 0, false),
  }),
  limits: z.object({
    /** `HANDBOOK_MAX_QUESTION`: longest question accepted, in characters. */
    maxQuestionChars: numberIn(10, 5000, 500),
    /** `HANDBOOK_MAX_BODY`: largest request body accepted, in bytes. */
    maxBodyBytes: numberIn(256, 1_000_000, 8192),
    /** `HANDBOOK_RATE_LIMIT`: questions one client may ask per minute. */
    perMinute: numberIn(1, 1_000_000, 60),
    /** `HANDBOOK_RATE_LIMIT_GLOBAL`: questions the whole service answers per minute, from all clients together. */
    globalPerMinute: numberIn(1, 10_000_000, 600),
  }),
  server: z
    .object({
      /**
       * `HANDBOOK_TRUST_PROXY`: which peers may say who the client is in `X-Forwarded-For`: `off` (default),
       * a hop count (`1`), `true` (any peer: only behind a proxy that overwrites the header), or proxy
       * addresses and CIDRs separated by commas (`127.0.0.1,10.0.0.0/8`). Passed to Fastify's `trustProxy`.
       */
      trustProxy: z
        .string()
        .default('off')
        .transform((text, ctx) => {
          const parsed = parseTrustProxy(text);
          if (parsed === undefined) ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HELP });
          return parsed ?? false;
        }),
      /** `HANDBOOK_LOG_LEVEL`: the least severe log lines written (`info` logs one line per request). */
      logLevel: z.enum(LOG_LEVELS, { message: `write one of: ${LOG_LEVELS.join(', ')}` }).default('info'),
      /** `HANDBOOK_HEADERS_TIMEOUT`: seconds a client has to send a request's headers (slow clients get 408). */
      headersTimeoutSeconds: numberIn(0.1, 3600, 10, false),
      /** `HANDBOOK_REQUEST_TIMEOUT`: seconds a client has to send a whole request, headers and body; at least the headers timeout. */
      requestTimeoutSeconds: numberIn(0.1, 3600, 30, false),
      /** `HANDBOOK_KEEP_ALIVE_TIMEOUT`: seconds an idle connection is kept open for the next request; keep it above a proxy's upstream keep-alive. */
      keepAliveTimeoutSeconds: numberIn(0.1, 3600, 65, false),
      /** `HANDBOOK_SHUTDOWN_TIMEOUT`: seconds to let requests in flight finish after SIGTERM or SIGINT before closing their connections. */
      shutdownTimeoutSeconds: numberIn(0, 3600, 10, false),
    })
    .refine((s) => s.headersTimeoutSeconds <= s.requestTimeoutSeconds, {
      message: 'write a request timeout at least as long as HANDBOOK_HEADERS_TIMEOUT',
      path: ['requestTimeoutSeconds'],
    }),
});

/** Settings with folders and files resolved; the question log always has a path. */
export type Config = Omit<z.output<typeof ConfigSchema>, 'questionLog'> & { questionLog: string };

const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  handbookDir: 'HANDBOOK_DIR',
  siteDir: 'HANDBOOK_SITE_DIR',
  dataDir: 'HANDBOOK_DATA_DIR',
  questionLog: 'HANDBOOK_QUESTION_LOG',
  'model.id': 'HANDBOOK_MODEL_ID',
  'model.dir': 'HANDBOOK_MODEL_DIR',
  'model.dtype': 'HANDBOOK_MODEL_DTYPE',
  'model.cacheDir': 'HANDBOOK_MODEL_CACHE',
  'model.enabled': 'HANDBOOK_MODEL',
  'model.batchSize': 'HANDBOOK_EMBED_BATCH',
  'retrieval.denseWeight': 'HANDBOOK_DENSE_WEIGHT',
  'retrieval.denseFloor': 'HANDBOOK_DENSE_FLOOR',
  'retrieval.threshold': 'HANDBOOK_ANSWER_THRESHOLD',
  'retrieval.denseConfidenceWeight': 'HANDBOOK_DENSE_CONFIDENCE',
  'limits.maxQuestionChars': 'HANDBOOK_MAX_QUESTION',
  'limits.maxBodyBytes': 'HANDBOOK_MAX_BODY',
  'limits.perMinute': 'HANDBOOK_RATE_LIMIT',
  'limits.globalPerMinute': 'HANDBOOK_RATE_LIMIT_GLOBAL',
  'server.trustProxy': 'HANDBOOK_TRUST_PROXY',
  'server.logLevel': 'HANDBOOK_LOG_LEVEL',
  'server.headersTimeoutSeconds': 'HANDBOOK_HEADERS_TIMEOUT',
  'server.requestTimeoutSeconds': 'HANDBOOK_REQUEST_TIMEOUT',
  'server.keepAliveTimeoutSeconds': 'HANDBOOK_KEEP_ALIVE_TIMEOUT',
  'server.shutdownTimeoutSeconds': 'HANDBOOK_SHUTDOWN_TIMEOUT',
};

/** Thrown for a setting that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from environment variables (by default `process.env`),
 * resolving folders against `root`. Throws {@link ConfigError} naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, root = process.cwd()): Config {
  const get = (field: string) => {
    const v = env[ENV_NAMES[field] ?? ''];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const modelSwitch = get('model.enabled');
  const raw = {
    port: get('port'),
    host: get('host'),
    handbookDir: get('handbookDir'),
    siteDir: get('siteDir'),
    dataDir: get('dataDir'),
    questionLog: get('questionLog'),
    model: {
      id: get('model.id'),
      dir: get('model.dir'),
      dtype: get('model.dtype'),
      cacheDir: get('model.cacheDir'),
      // An unknown word (a typo such as "of") is left for the schema to reject rather than read as "on".
      enabled: modelSwitch === undefined ? undefined : (SWITCH[modelSwitch.toLowerCase()] ?? modelSwitch),
      batchSize: get('model.batchSize'),
    },
    retrieval: {
      denseWeight: get('retrieval.denseWeight'),
      denseFloor: get('retrieval.denseFloor'),
      threshold: get('retrieval.threshold'),
      denseConfidenceWeight: get('retrieval.denseConfidenceWeight'),
    },
    limits: {
      maxQuestionChars: get('limits.maxQuestionChars'),
      maxBodyBytes: get('limits.maxBodyBytes'),
      perMinute: get('limits.perMinute'),
      globalPerMinute: get('limits.globalPerMinute'),
    },
    server: {
      trustProxy: get('server.trustProxy'),
      logLevel: get('server.logLevel'),
      headersTimeoutSeconds: get('server.headersTimeoutSeconds'),
      requestTimeoutSeconds: get('server.requestTimeoutSeconds'),
      keepAliveTimeoutSeconds: get('server.keepAliveTimeoutSeconds'),
      shutdownTimeoutSeconds: get('server.shutdownTimeoutSeconds'),
    },
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const field = i.path.join('.');
      const name = ENV_NAMES[field] ?? field;
      return `  ${name}=${JSON.stringify(get(field) ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Some settings cannot be used; fix these environment variables:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const abs = (p: string) => path.resolve(root, p);
  return {
    ...c,
    handbookDir: abs(c.handbookDir),
    siteDir: abs(c.siteDir),
    dataDir: abs(c.dataDir),
    questionLog: abs(c.questionLog ?? path.join(c.dataDir, 'questions.sqlite')),
    model: { ...c.model, cacheDir: abs(c.model.cacheDir), ...(c.model.dir ? { dir: abs(c.model.dir) } : {}) },
  };
}
