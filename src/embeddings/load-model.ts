import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import type { Config } from '../config.ts';

/** Where a model comes from, as reported by `/api/health` and the logs. */
export interface ModelInfo {
  /** Model id on the Hub, or the folder name when loaded from `HANDBOOK_MODEL_DIR`. */
  id: string;
  source: 'directory' | 'hub-cache';
  /** Folder the files were read from. */
  location: string;
  dtype: string;
}

/** Raised when no model can be loaded; the service then runs lexical-only. */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
}

const ONNX_FILE: Record<string, string> = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  int8: 'model_int8.onnx',
  uint8: 'model_uint8.onnx',
  q4: 'model_q4.onnx',
};

export type ProgressReporter = (info: ProgressInfo) => void;

/**
 * Loads the feature-extraction pipeline that `config.model` describes.
 *
 * With `HANDBOOK_MODEL_DIR` set, only that folder is read and the network is
 * never touched; missing files are reported with the setting and the path.
 * Otherwise the model is downloaded once from the Hub into `HANDBOOK_MODEL_CACHE`,
 * with progress reported to `onProgress`.
 */
export async function loadModel(
  model: Config['model'],
  onProgress?: ProgressReporter,
): Promise<{ extractor: FeatureExtractionPipeline; info: ModelInfo }> {
  if (!model.enabled) throw new ModelUnavailableError('the model is switched off (HANDBOOK_MODEL=off)');
  const options = { dtype: model.dtype, ...(onProgress ? { progress_callback: onProgress } : {}) } as const;
  if (model.dir) {
    const dir = model.dir;
    const onnx = path.join(dir, 'onnx', ONNX_FILE[model.dtype] ?? 'model.onnx');
    for (const file of [path.join(dir, 'config.json'), path.join(dir, 'tokenizer.json'), onnx]) {
      if (!existsSync(file)) {
        throw new ModelUnavailableError(
          `HANDBOOK_MODEL_DIR is ${dir}, but ${file} does not exist; point HANDBOOK_MODEL_DIR at a folder with config.json, tokenizer.json and onnx/${path.basename(onnx)} (or set HANDBOOK_MODEL_DTYPE to the weights it has)`,
        );
      }
    }
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${path.dirname(dir)}${path.sep}`;
    const id = path.basename(dir);
    try {
      // No progress callback: reading local files is quick, and transformers.js reports it as "download".
      const extractor = await pipeline('feature-extraction', id, { dtype: model.dtype });
      return { extractor, info: { id, source: 'directory', location: dir, dtype: model.dtype } };
    } catch (cause) {
      throw new ModelUnavailableError(`the model in HANDBOOK_MODEL_DIR (${dir}) could not be loaded: ${String(cause)}`, { cause });
    }
  }
  env.allowRemoteModels = true;
  env.allowLocalModels = false;
  env.cacheDir = model.cacheDir;
  try {
    const extractor = await pipeline('feature-extraction', model.id, options);
    return { extractor, info: { id: model.id, source: 'hub-cache', location: model.cacheDir, dtype: model.dtype } };
  } catch (cause) {
    throw new ModelUnavailableError(
      `the model ${model.id} is not in ${model.cacheDir} and could not be downloaded (${String(cause).split('\n')[0]}); connect to the internet once, or set HANDBOOK_MODEL_DIR to a folder that holds the model`,
      { cause },
    );
  }
}

/** A progress reporter that prints one line per file and a percentage at most every 10%. */
export function logDownloadProgress(write: (line: string) => void): ProgressReporter {
  const shown = new Map<string, number>();
  return (info) => {
    if (info.status === 'download') write(`downloading ${info.name}/${info.file}`);
    if (info.status === 'progress') {
      const step = Math.floor(info.progress / 10) * 10;
      if (step > (shown.get(info.file) ?? -1)) {
        shown.set(info.file, step);
        write(`  ${info.file}: ${step}% of ${(info.total / 1e6).toFixed(1)} MB`);
      }
    }
  };
}
