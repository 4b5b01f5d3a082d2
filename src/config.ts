import path from 'node:path';
import { z } from 'astro/zod';

const DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4'] as const;
const SWITCH: Record<string, boolean> = { on: true, off: false, true: true, false: false, '1': true, '0': false, yes: true, no: false };

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
    /** `HANDBOOK_ANSWER_THRESHOLD`: confidence at or above which the best entry is given as the answer (calibrated with npm run calibrate). */
    threshold: numberIn(0, 1, 0.5, false),
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
  }),
});

export type Config = z.output<typeof ConfigSchema>;

const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  handbookDir: 'HANDBOOK_DIR',
  siteDir: 'HANDBOOK_SITE_DIR',
  dataDir: 'HANDBOOK_DATA_DIR',
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
    model: { ...c.model, cacheDir: abs(c.model.cacheDir), ...(c.model.dir ? { dir: abs(c.model.dir) } : {}) },
  };
}
