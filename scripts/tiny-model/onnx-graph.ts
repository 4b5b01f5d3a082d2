/**
 * ONNX graph builder for the tiny random-weight BERT test fixture.
 *
 * Builds a real (small) BERT encoder — embeddings, N transformer layers with
 * masked multi-head self-attention and a GELU feed-forward block — as an ONNX
 * `ModelProto`, with weights drawn from a seeded PRNG so the output bytes are
 * identical on every run. The graph mirrors what `optimum` exports for
 * `BertModel` (same input/output names and dtypes), so transformers.js treats
 * it exactly like a downloaded model.
 *
 * Used by `scripts/make-tiny-model.ts`; kept separate only to keep that file
 * readable.
 */
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
// mulberry32: Math.random() cannot be seeded, and the fixture must be byte-reproducible.
import { createRandom } from '../../src/evaluation/seeded-random.ts';

// onnx-proto is a CommonJS bundle whose `module.exports` is the protobufjs
// root; Node's ESM loader only exposes it as the default export.
const { onnx } = onnxProto;

/** Hyper-parameters of the encoder; same names as the Hugging Face BERT config. */
export interface TinyBertDims {
  vocab_size: number;
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  intermediate_size: number;
  max_position_embeddings: number;
  type_vocab_size: number;
  layer_norm_eps: number;
  /** Weight initialisation std (BERT's `initializer_range`). */
  initializer_range: number;
  /** Row of the word-embedding table that is zeroed, like BERT's `padding_idx`. */
  pad_token_id: number;
}

/**
 * FNV-1a hash of a string. Each weight tensor gets its own seed derived from
 * its name, so changing one tensor's size (e.g. the vocabulary growing when the
 * handbook changes) does not reshuffle every other tensor.
 *
 * @param text Any string (hashed as UTF-16 code units).
 * @returns Unsigned 32-bit hash.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Fill a Float32Array with N(0, std²) samples using the Box–Muller transform.
 * Only the cosine branch is used: simpler, and speed is irrelevant here.
 */
function normalArray(length: number, std: number, seed: number): Float32Array {
  const rand = createRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const u1 = 1 - rand(); // (0, 1]: keeps log() finite
    const u2 = rand();
    out[i] = std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  return out;
}

/** Little-endian bytes regardless of host endianness (ONNX raw_data is LE). */
function float32Bytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function int64Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return bytes;
}

/** Integer attributes are plain numbers; float attributes are wrapped so the type is explicit. */
type AttrValue = number | number[] | { float: number };

/**
 * Minimal imperative helper that accumulates nodes and initializers. Values
 * are referred to by name (ONNX's own convention), and every op call returns
 * the name of its single output.
 */
class GraphBuilder {
  readonly nodes: OnnxTypes.INodeProto[] = [];
  readonly initializers: OnnxTypes.ITensorProto[] = [];
  private readonly usedNames = new Set<string>();

  /** Unique value/node name; a readable prefix keeps Netron views legible. */
  private fresh(prefix: string): string {
    let name = prefix;
    for (let i = 1; this.usedNames.has(name); i++) name = `${prefix}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  /** Add a float32 initializer and return its name. */
  float(name: string, dims: number[], values: Float32Array): string {
    this.usedNames.add(name);
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: float32Bytes(values) });
    return name;
  }

  /** Add an int64 initializer (shapes, axes, indices) and return its name. */
  int64(name: string, dims: number[], values: number[]): string {
    const unique = this.fresh(name);
    this.initializers.push({ name: unique, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: int64Bytes(values) });
    return unique;
  }

  /** Scalar float32 constant. */
  scalar(name: string, value: number): string {
    return this.float(this.fresh(name), [], Float32Array.of(value));
  }

  /** Append a node; attribute types follow {@link AttrValue}. */
  op(opType: string, inputs: string[], outName: string, attrs: Record<string, AttrValue> = {}): string {
    const output = this.fresh(outName);
    const attribute: OnnxTypes.IAttributeProto[] = Object.entries(attrs).map(([name, v]) => {
      const T = onnx.AttributeProto.AttributeType;
      if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
      if (typeof v === 'number') return { name, type: T.INT, i: v };
      return { name, type: T.FLOAT, f: v.float };
    });
    this.nodes.push({ name: `${output}_node`, opType, input: inputs, output: [output], attribute });
    return output;
  }
}

/** ValueInfo for a tensor with named (symbolic) or fixed dimensions. */
function valueInfo(name: string, elemType: number, dims: (string | number)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/**
 * Build and serialise the BERT encoder.
 *
 * Inputs `input_ids`, `attention_mask`, `token_type_ids` (int64
 * [batch_size, sequence_length]); output `last_hidden_state` (float32
 * [batch_size, sequence_length, hidden_size]).
 *
 * @param dims Model hyper-parameters.
 * @param seed Base seed; combined with each tensor's name.
 * @returns Serialised ONNX ModelProto bytes (opset 17, IR version 8).
 */
export function buildTinyBertOnnx(dims: TinyBertDims, seed: number): Uint8Array {
  const g = new GraphBuilder();
  const H = dims.hidden_size;
  const heads = dims.num_attention_heads;
  const headDim = H / heads;
  if (!Number.isInteger(headDim)) throw new Error('hidden_size must be divisible by num_attention_heads');
  const eps = dims.layer_norm_eps;

  // Weights are stored as [in, out] so the graph can use a plain MatMul
  // (PyTorch's Linear stores [out, in] and the exporter transposes too).
  const normal = (name: string, shape: number[]): string =>
    g.float(
      name,
      shape,
      normalArray(
        shape.reduce((a, b) => a * b, 1),
        dims.initializer_range,
        (seed ^ fnv1a(name)) >>> 0,
      ),
    );
  const constant = (name: string, shape: number[], value: number): string =>
    g.float(name, shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value));
  const linear = (x: string, prefix: string, inDim: number, outDim: number): string => {
    const w = normal(`${prefix}.weight`, [inDim, outDim]);
    const b = constant(`${prefix}.bias`, [outDim], 0);
    return g.op('Add', [g.op('MatMul', [x, w], `${prefix}/MatMul`), b], `${prefix}/Add`);
  };
  const layerNorm = (x: string, prefix: string): string =>
    g.op('LayerNormalization', [x, constant(`${prefix}.weight`, [H], 1), constant(`${prefix}.bias`, [H], 0)], `${prefix}/LayerNorm`, {
      axis: -1,
      epsilon: { float: eps },
    });

  // ---- Embeddings ---------------------------------------------------------
  const wordTable = normalArray(dims.vocab_size * H, dims.initializer_range, (seed ^ fnv1a('embeddings.word_embeddings.weight')) >>> 0);
  wordTable.fill(0, dims.pad_token_id * H, (dims.pad_token_id + 1) * H); // BERT zero-inits the padding_idx row
  const wordEmb = g.float('embeddings.word_embeddings.weight', [dims.vocab_size, H], wordTable);
  const posEmb = normal('embeddings.position_embeddings.weight', [dims.max_position_embeddings, H]);
  const typeEmb = normal('embeddings.token_type_embeddings.weight', [dims.type_vocab_size, H]);

  const words = g.op('Gather', [wordEmb, 'input_ids'], 'embeddings/word', { axis: 0 });
  const types = g.op('Gather', [typeEmb, 'token_type_ids'], 'embeddings/token_type', { axis: 0 });
  // Position ids 0..S-1 are derived from the runtime sequence length, so the
  // graph accepts any length up to max_position_embeddings without an extra input.
  const shape = g.op('Shape', ['input_ids'], 'embeddings/input_shape');
  const seqLen = g.op('Gather', [shape, g.int64('const_one_scalar', [], [1])], 'embeddings/seq_len', { axis: 0 });
  const positionIds = g.op(
    'Range',
    [g.int64('const_zero_scalar', [], [0]), seqLen, g.int64('const_one_step', [], [1])],
    'embeddings/position_ids',
  );
  const positions = g.op('Gather', [posEmb, positionIds], 'embeddings/position', { axis: 0 }); // [S, H], broadcasts over batch
  const embSum = g.op('Add', [g.op('Add', [words, types], 'embeddings/add_type'), positions], 'embeddings/add_pos');
  let hidden = layerNorm(embSum, 'embeddings.LayerNorm');

  // ---- Additive attention mask: 0 for real tokens, -10000 for padding -----
  // [B, S] int64 -> [B, 1, 1, S] float, broadcast over heads and query rows.
  // exp(-10000) underflows to exactly 0 in float32, so padded keys get zero weight.
  const maskF = g.op('Cast', ['attention_mask'], 'mask/float', { to: onnx.TensorProto.DataType.FLOAT });
  const inverted = g.op('Sub', [g.scalar('const_one_f', 1), maskF], 'mask/inverted');
  const maskBias = g.op(
    'Unsqueeze',
    [g.op('Mul', [inverted, g.scalar('const_mask_value', -10000)], 'mask/scaled'), g.int64('const_axes_1_2', [2], [1, 2])],
    'mask/bias',
  );

  // Reshape targets; 0 means "copy this dim from the input" (allowzero=0).
  const splitHeads = g.int64('const_split_heads_shape', [4], [0, 0, heads, headDim]);
  const mergeHeads = g.int64('const_merge_heads_shape', [3], [0, 0, H]);
  const scale = g.scalar('const_attention_scale', 1 / Math.sqrt(headDim));
  const invSqrt2 = g.scalar('const_inv_sqrt2', Math.SQRT1_2);
  const half = g.scalar('const_half', 0.5);
  const one = g.scalar('const_one', 1);

  // ---- Encoder layers -----------------------------------------------------
  for (let l = 0; l < dims.num_hidden_layers; l++) {
    const p = `encoder.layer.${l}`;
    const heads4d = (name: string, perm: number[]): string =>
      g.op(
        'Transpose',
        [g.op('Reshape', [linear(hidden, `${p}.attention.self.${name}`, H, H), splitHeads], `${p}/${name}/split`)],
        `${p}/${name}/heads`,
        { perm },
      );
    const q = heads4d('query', [0, 2, 1, 3]); // [B, h, S, d]
    const k = heads4d('key', [0, 2, 3, 1]); // [B, h, d, S] (pre-transposed for Q·Kᵀ)
    const v = heads4d('value', [0, 2, 1, 3]); // [B, h, S, d]

    const scores = g.op('Mul', [g.op('MatMul', [q, k], `${p}/scores_raw`), scale], `${p}/scores_scaled`);
    const probs = g.op('Softmax', [g.op('Add', [scores, maskBias], `${p}/scores_masked`)], `${p}/probs`, { axis: -1 });
    const context = g.op('MatMul', [probs, v], `${p}/context_heads`); // [B, h, S, d]
    const merged = g.op('Reshape', [g.op('Transpose', [context], `${p}/context_t`, { perm: [0, 2, 1, 3] }), mergeHeads], `${p}/context`);
    const attnOut = linear(merged, `${p}.attention.output.dense`, H, H);
    const attnNorm = layerNorm(g.op('Add', [attnOut, hidden], `${p}/attention_residual`), `${p}.attention.output.LayerNorm`);

    // Exact (erf) GELU as in BERT's "gelu": 0.5·x·(1 + erf(x/√2)). The fused
    // Gelu op needs opset 20; the erf form works at opset 17 and ORT fuses it.
    const inter = linear(attnNorm, `${p}.intermediate.dense`, H, dims.intermediate_size);
    const erf = g.op('Erf', [g.op('Mul', [inter, invSqrt2], `${p}/gelu/scaled`)], `${p}/gelu/erf`);
    const gelu = g.op('Mul', [g.op('Mul', [inter, half], `${p}/gelu/half_x`), g.op('Add', [erf, one], `${p}/gelu/one_plus`)], `${p}/gelu`);
    const ffnOut = linear(gelu, `${p}.output.dense`, dims.intermediate_size, H);
    hidden = layerNorm(g.op('Add', [ffnOut, attnNorm], `${p}/ffn_residual`), `${p}.output.LayerNorm`);
  }

  // Name the final value as the graph output with an Identity, as exporters do.
  g.nodes.push({ name: 'last_hidden_state_node', opType: 'Identity', input: [hidden], output: ['last_hidden_state'] });

  const INT64 = onnx.TensorProto.DataType.INT64;
  const model: OnnxTypes.IModelProto = {
    irVersion: 8, // pairs with opset 17 (ONNX 1.12+); onnxruntime-node 1.30 reads IR ≤ 11
    producerName: 'make-tiny-model',
    producerVersion: '1',
    docString: 'Tiny random-weight BERT encoder. Test fixture only: outputs are meaningless.',
    opsetImport: [{ domain: '', version: 17 }], // 17 = first opset with LayerNormalization
    graph: {
      name: 'tiny_random_bert',
      node: g.nodes,
      initializer: g.initializers,
      input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => valueInfo(n, INT64, ['batch_size', 'sequence_length'])),
      output: [valueInfo('last_hidden_state', onnx.TensorProto.DataType.FLOAT, ['batch_size', 'sequence_length', H])],
    },
  };
  const err = onnx.ModelProto.verify(model);
  if (err) throw new Error(`invalid ModelProto: ${err}`);
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
