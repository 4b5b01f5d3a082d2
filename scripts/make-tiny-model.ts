/**
 * Build the `tiny-random-bert` test fixture: a miniature BERT embedding model
 * in transformers.js layout (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx) with seeded random weights.
 *
 * Why: tests must exercise the *real* transformers.js loading + tokenisation +
 * ONNX inference path offline, but a real embedding model is hundreds of MB
 * and cannot be downloaded in CI. This fixture is < 1 MB, loads through
 * `pipeline('feature-extraction', ...)` exactly like a Hub model, and its
 * outputs are meaningless (but deterministic, so they can be snapshotted).
 *
 * Usage: `node scripts/make-tiny-model.ts` (Node ≥ 22.18 / 24, type stripping).
 * The output only depends on this script and the Markdown under `handbook/`
 * (whose frequent words join the vocabulary), so running it twice on the same
 * tree produces byte-identical files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTinyBertOnnx, type TinyBertDims } from './tiny-model/onnx-graph.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// The fixture handbook, not the live one: the model must not change whenever an entry is edited.
const HANDBOOK_DIR = join(ROOT, 'tests', 'fixtures', 'handbook');
const OUT_DIR = join(ROOT, 'tests', 'fixtures', 'models', 'tiny-random-bert');

/** Base seed for all weights; change it only if you mean to change the fixture. */
export const SEED = 20240601;
/** Hard cap on vocabulary size (keeps the embedding table, and the fixture, small). */
export const MAX_VOCAB = 3000;
/** A handbook word must occur at least this often to earn a vocabulary slot. */
export const MIN_HANDBOOK_FREQUENCY = 2;
/** Ids 0..4, in this order; [PAD] = 0 matches `pad_token_id` in config.json. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

// ---------------------------------------------------------------------------
// Built-in word lists. Vietnamese is written with spaces between syllables and
// BertPreTokenizer splits on whitespace, so the vocabulary holds syllables.
// Skewed towards the handbook's domain (civil registration, residence, one-stop
// procedures) so typical queries tokenise into whole syllables even before the
// handbook has any content.
// ---------------------------------------------------------------------------
const BUILTIN_VIETNAMESE = `
và của là có không được cho với các những một người này trong để đã khi theo tại về từ đến như cũng thì nếu sẽ
phải hoặc bị do nên vì mà ra vào lên xuống trên dưới sau trước giữa ngoài hơn nhất rất nhiều ít mỗi cả tất hết
đều chỉ vẫn còn đang sắp mới cũ lại nữa thêm bằng qua cùng gì nào đâu sao bao ai ấy đó kia đây nay hay hãy xin
cảm ơn vâng dạ ạ nhé rồi chưa đi làm biết muốn cần nói hỏi trả lời xem thấy nghe đọc viết học hiểu nhớ quên gửi
nhận lấy đưa mang giúp tìm chọn dùng mở đóng bắt đầu kết thúc tiếp tục thay đổi bỏ giữ đợi chờ gọi đặt tạo xóa
sửa lưu in ký ghi điền kiểm tra xác minh thực hiện ban hành áp dụng quy định
hai ba bốn năm sáu bảy tám chín mười trăm nghìn ngàn triệu tỷ lần thứ tiên cuối ngày tháng tuần giờ phút giây
sáng trưa chiều tối đêm hôm mai sớm muộn lâu nhanh chậm kỳ hạn thời gian điểm lúc khoảng
ông bà cha mẹ bố anh chị em con cháu vợ chồng gia đình họ hàng bạn cô chú bác dì cậu thím mợ trẻ nhỏ già lớn
tuổi nam nữ giới tính tên đệm sinh mất chết tử đời
giấy chứng khai hộ tịch hôn ly nuôi giám thường trú tạm vắng cư căn cước công dân chiếu tình trạng nhân thủ
hồ sơ nộp quả ủy xã phường thị trấn huyện quận tỉnh thành phố trung ương bộ sở phòng tư pháp cán chức viên cửa
liên thông dịch vụ trực tuyến cổng quốc lệ phí miễn giảm việc giải quyết hướng dẫn biểu mẫu tờ bản sao chính chữ
hợp đồng giao đất đai quyền sử nhà ở tài sản thừa kế di chúc bảo hiểm hội y tế thất nghiệp lương hưu trợ cấp cao
khuyết tật nghèo cận sách ưu đãi cách mạng liệt sĩ thương binh văn thư điện số hóa mã danh cá tổ cơ quan đơn vị
doanh kinh thể thuế phạt vi chế cấm phép xây dựng môi trường giáo dục đào lao động an ninh trật tự cảnh sát quân
sự nghĩa dân vệ tòa án viện luật nghị thông tư điều khoản chương mục phụ lục cứ hiệu lực bổ sung thế bãi trách
nhiệm thẩm chủ phó trưởng lãnh đạo trì phối báo cáo đề yêu cầu khiếu nại tố kiến phản ánh trụ địa chỉ thoại
trang tin khẩu đăng nhập mật thanh toán ngân chuyển tiền mặt biên lai
việt hà nội hồ chí đà nẵng hải cần thơ huế miền bắc tây nguyên đông thôn xóm ấp làng khu
vấn trường nơi chỗ bước trình phần lượng hình thức đối tượng kiện lý đặc biệt khác nhau giống đúng sai tốt xấu dễ
khó đủ thiếu đầy rõ ràng chóng nhất định riêng chung toàn bộ phận cụ thể trực tiếp gián khẩn cấp
ăn uống ngủ chơi đứng ngồi nằm chạy mua bán giá rẻ đắt chợ đường xe máy ô tô tàu bay nước gas sổ bàn ghế giường
vở bút lớp thầy bệnh sĩ thuốc khám chữa sức khỏe đau ốm phụ quê hương tiếng pháp nhật hàn ngôn ngữ cái câu đoạn bài
tháng giêng chạp mùng xuân hạ thu lễ tết nghỉ làm việc hành chính buổi sáng chiều thứ hai ba tư năm sáu bảy
chủ nhật hôm qua mai tới trước đây hiện nay sau này cho đến khi kể từ ngày trong vòng chậm nhất
bản chính bản sao chứng thực hợp lệ hiện hành đầy đủ chính xác rõ ràng hướng dẫn chi tiết
ủy quyền người đại diện theo pháp luật giấy tờ tùy thân người yêu cầu người được giám hộ người chết người nhận
mất tích tuyên bố tòa án nhân dân quyết định bản án cải chính bổ sung thay đổi xác định lại dân tộc quốc tịch
nước ngoài lãnh sự đại sứ quán hợp pháp hóa dịch thuật công chứng chứng nhận xác nhận trích lục ghi chú
phòng chống thiên tai lũ lụt bão hạn hán dịch bệnh cứu trợ hỗ trợ khó khăn vùng sâu xa biên giới hải đảo
nông lâm ngư diêm trồng trọt chăn nuôi thủy lợi đê điều rừng biển sông suối hồ ao ruộng vườn cây lúa gạo
tôi bạn chúng ta mình họ nó em anh chị ông bà cô chú ai người nào cái gì vì sao như thế nào bao nhiêu bao lâu
được không có phải không đúng không bao giờ ở đâu lúc nào tại sao làm sao thế nào cần gì
`;

const BUILTIN_ENGLISH = `
the of and to a in is it you that he was for on are with as i his they be at one have this from or had by not
word but what some we can out other were all there when up use your how said an each she which do their time if
will way about many then them write would like so these her long make thing see him two has look more day could
go come did number sound no most people my over know water than call first who may down side been now find any
new work part take get place made live where after back little only round man year came show every good me give
our under name very through just form sentence great think say help low line turn cause much mean before move
right old too same tell does set three want well also play small end put home read hand large add even land here
must big high such follow act why ask men change went light kind off need house try us again point mother world
near build self father head stand own page should country found answer school grow study still learn cover food
four between state keep eye never last let thought city tree cross hard start might story saw far draw left late
run while press close night real life few north open seem together next white children begin got walk example
paper group always those both mark often letter until car care second book carry took science eat room friend
began idea stop once base hear cut sure watch face main enough plain young ready above ever red list though feel
talk soon body family direct leave door product black short class question happen complete area half order fire
south problem piece told knew pass since top whole space heard best hour better true during hundred five
remember step early hold west ground interest reach fast listen six table travel less morning ten simple several
toward against pattern slow center love person money serve appear road map rule govern pull notice voice unit
power town fine certain fall lead dark note wait plan figure box field rest correct able done drive contain
front teach week final gave green quick develop free minute strong special mind behind clear produce fact street
nothing course stay full force object decide deep system busy test record common possible dry check game shape
hot miss brought bring yes fill east language among
certificate birth death marriage divorce registration register residence permanent temporary identity card
citizen passport application document documents office officer commune ward district province ministry justice
department public administration service services online portal fee fees exemption deadline working days
procedure procedures requirement requirements submit submission receive result results copy original certified
signature contract property inheritance insurance health social unemployment pension allowance elderly
disability poor household policy veteran handbook search query passage guide steps notes contact phone email
address website vietnam vietnamese english local national government law decree circular decision article
form forms request requests apply applicant applicants issue issued valid invalid approve approved reject
`;

/**
 * English suffix pieces, so the fixture also exercises real WordPiece splits
 * (e.g. "registering" -> "register" + "##ing") instead of only whole words.
 */
const BUILTIN_SUBWORDS = [
  'ing',
  'ed',
  's',
  'es',
  'er',
  'ers',
  'ly',
  'tion',
  'tions',
  'ment',
  'ments',
  'ness',
  'able',
  'al',
  'ity',
  'ive',
  'ize',
  'ized',
  'ful',
  'less',
  'est',
  'ion',
  'ions',
  'ent',
  'ant',
  'ance',
  'ence',
  'ship',
  'ism',
  'ist',
].map((s) => `##${s}`);

// ---------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------

/**
 * Every lowercase Vietnamese letter, with each of the 5 tone marks on every
 * vowel (huyền, sắc, hỏi, ngã, nặng), in NFC form — the form the normalizer
 * sees for ordinary typed text. Built programmatically so none is forgotten.
 */
export function vietnameseLetters(): string[] {
  const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  const out: string[] = ['đ'];
  for (const v of vowels) {
    for (const t of tones) {
      const ch = (v + t).normalize('NFC');
      // Guard: all 72 combinations have precomposed code points; if one did not,
      // WordPiece would need two pieces for it and the vocab would be incomplete.
      if ([...ch].length !== 1) throw new Error(`no precomposed form for ${v}+U+${t.charCodeAt(0).toString(16)}`);
      out.push(ch);
    }
  }
  return out;
}

/** All single characters that get a token (and a `##` continuation token). */
export function baseCharacters(): string[] {
  const ascii: string[] = [];
  for (let c = 0x21; c <= 0x7e; c++) {
    const ch = String.fromCharCode(c);
    if (ch.toLowerCase() === ch) ascii.push(ch); // uppercase never survives `lowercase: true`
  }
  // Typographic punctuation common in Vietnamese/English prose and Markdown.
  const extra = ['–', '—', '‘', '’', '“', '”', '…', '«', '»', '•', '°', '§', '€', '₫'];
  return unique([...ascii, ...vietnameseLetters(), ...extra]);
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/** Same split as transformers.js' BertPreTokenizer: runs of non-space, non-punctuation, or single punctuation. */
const PRE_TOKENIZE =
  /[^\s\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]+|[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/gu;

/** Normalise like the tokenizer (lowercase, accents kept) and split into words. */
function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(PRE_TOKENIZE) ?? [];
}

/** A vocabulary word: letters/digits only, at least one letter, not absurdly long. */
function isWordToken(w: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(w) && /\p{L}/u.test(w) && [...w].length <= 24;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** Plain code-unit comparison: unlike localeCompare, independent of ICU data. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Recursively list `*.md` / `*.mdx` files, sorted so the traversal order is fixed. */
function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodeUnits(a.name, b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.isFile() && /\.mdx?$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * Count word frequencies in the handbook Markdown. Code blocks, URLs, link
 * targets, page slugs and HTML tags are dropped first so identifiers do not
 * crowd out prose. Unaccented words that remain (e.g. frontmatter aliases
 * like "sang ten so do") are kept on purpose: users type queries that way.
 *
 * @returns Map word -> count, plus how many files were read.
 */
export function handbookWordCounts(dir: string = HANDBOOK_DIR): { counts: Map<string, number>; files: number } {
  const counts = new Map<string, number>();
  const files = markdownFiles(dir);
  for (const file of files) {
    const prose = readFileSync(file, 'utf8')
      .replace(/```[\s\S]*?```/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\]\([^)]*\)/g, ' ') // Markdown link targets
      .replace(/\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b/g, ' ') // kebab-case slugs (frontmatter ids, related:)
      .replace(/<[^>]+>/g, ' ');
    for (const w of words(prose)) if (isWordToken(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return { counts, files: files.length };
}

/**
 * Assemble the vocabulary, in id order: special tokens, single characters,
 * their `##` continuations, built-in words and subwords, then the most
 * frequent handbook words (count desc, ties by code units) up to MAX_VOCAB.
 */
export function buildVocabulary(handbookCounts: Map<string, number>): string[] {
  const chars = baseCharacters();
  const builtin = unique(words(`${BUILTIN_VIETNAMESE} ${BUILTIN_ENGLISH}`).filter(isWordToken));
  const vocab = unique<string>([
    ...SPECIAL_TOKENS,
    ...chars,
    ...chars.map((c) => `##${c}`),
    ...builtin.sort(byCodeUnits),
    ...BUILTIN_SUBWORDS,
  ]);
  const taken = new Set(vocab);
  const ranked = [...handbookCounts]
    .filter(([w, n]) => n >= MIN_HANDBOOK_FREQUENCY && !taken.has(w))
    .sort(([a, na], [b, nb]) => nb - na || byCodeUnits(a, b));
  for (const [w] of ranked) {
    if (vocab.length >= MAX_VOCAB) break;
    vocab.push(w);
  }
  return vocab;
}

// ---------------------------------------------------------------------------
// Tokenizer / config files
// ---------------------------------------------------------------------------

/**
 * tokenizer.json in Hugging Face `tokenizers` format, shaped like
 * bert-base-uncased's but with `strip_accents: false` so Vietnamese diacritics
 * survive (with `null`, lowercase implies accent stripping: "giấy" -> "giay").
 *
 * The vocab object is serialised by hand: JS objects put integer-like keys
 * ("0".."9") first, which would scramble the id order in the file.
 */
export function tokenizerJson(vocab: string[]): string {
  const id = (t: string): number => vocab.indexOf(t);
  const special = (t: string): { id: string; ids: number[]; tokens: string[] } => ({ id: t, ids: [id(t)], tokens: [t] });
  const seq = (s: 'A' | 'B', typeId: number) => ({ Sequence: { id: s, type_id: typeId } });
  const tok = (t: string, typeId: number) => ({ SpecialToken: { id: t, type_id: typeId } });
  const VOCAB_PLACEHOLDER = '"__VOCAB__"';
  const doc = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0)],
      pair: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0), seq('B', 1), tok('[SEP]', 1)],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: '__VOCAB__',
    },
  };
  const vocabJson = `{\n${vocab.map((t, i) => `      ${JSON.stringify(t)}: ${i}`).join(',\n')}\n    }`;
  return `${JSON.stringify(doc, null, 2).replace(VOCAB_PLACEHOLDER, vocabJson)}\n`;
}

/** tokenizer_config.json: transformers.js reads the special-token names (e.g. pad_token for padding) from here. */
export function tokenizerConfigJson(): string {
  const config = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    tokenize_chinese_chars: true,
    model_max_length: 128,
    padding_side: 'right',
    truncation_side: 'right',
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Model dimensions; shared by config.json and the ONNX builder so they cannot disagree. */
export function modelDims(vocabSize: number): TinyBertDims {
  return {
    vocab_size: vocabSize,
    hidden_size: 32,
    num_hidden_layers: 2,
    num_attention_heads: 2,
    intermediate_size: 64,
    max_position_embeddings: 128,
    type_vocab_size: 2,
    layer_norm_eps: 1e-12,
    initializer_range: 0.02,
    pad_token_id: 0,
  };
}

/** config.json as a Hugging Face BertModel config (transformers.js picks the class from model_type). */
export function configJson(dims: TinyBertDims): string {
  const config = {
    _name_or_path: 'tiny-random-bert',
    architectures: ['BertModel'],
    model_type: 'bert',
    vocab_size: dims.vocab_size,
    hidden_size: dims.hidden_size,
    num_hidden_layers: dims.num_hidden_layers,
    num_attention_heads: dims.num_attention_heads,
    intermediate_size: dims.intermediate_size,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: dims.max_position_embeddings,
    type_vocab_size: dims.type_vocab_size,
    initializer_range: dims.initializer_range,
    layer_norm_eps: dims.layer_norm_eps,
    pad_token_id: dims.pad_token_id,
    position_embedding_type: 'absolute',
    use_cache: true,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function readme(vocabSize: number, handbookFiles: number): string {
  return `# tiny-random-bert (test fixture)

A miniature BERT encoder in transformers.js layout with **random weights**.
It exists only so tests can run the real transformers.js loading,
tokenisation and ONNX inference code offline. Its embeddings are
**meaningless**: never use it for actual search or to judge quality.

- Architecture: BertModel, hidden size 32, 2 layers, 2 heads, FFN 64,
  max 128 positions; output \`last_hidden_state\` [batch, seq, 32].
- Weights: seeded PRNG (mulberry32 + Box–Muller, std 0.02), LayerNorm γ=1 β=0.
- Tokenizer: WordPiece, lowercase, accents kept; ${vocabSize} tokens
  (special tokens, all Vietnamese/ASCII characters and \`##\` continuations,
  built-in common words, frequent words from \`handbook/\` — ${handbookFiles} Markdown file(s) when generated).
- Files: \`config.json\`, \`tokenizer.json\`, \`tokenizer_config.json\`, \`onnx/model.onnx\` (opset 17).

Regenerate (deterministic; the vocabulary changes when the handbook does):

\`\`\`sh
node scripts/make-tiny-model.ts
\`\`\`

Load it with \`env.allowRemoteModels = false\`, \`env.localModelPath = 'tests/fixtures/models/'\`
and \`pipeline('feature-extraction', 'tiny-random-bert', { dtype: 'fp32' })\`.
`;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function write(path: string, data: string | Uint8Array): { path: string; bytes: number; sha256: string } {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  const bytes = statSync(path).size;
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { path: relative(ROOT, path), bytes, sha256 };
}

function main(): void {
  const { counts, files } = handbookWordCounts();
  const vocab = buildVocabulary(counts);
  const dims = modelDims(vocab.length);

  const written = [
    write(join(OUT_DIR, 'config.json'), configJson(dims)),
    write(join(OUT_DIR, 'tokenizer.json'), tokenizerJson(vocab)),
    write(join(OUT_DIR, 'tokenizer_config.json'), tokenizerConfigJson()),
    write(join(OUT_DIR, 'onnx', 'model.onnx'), buildTinyBertOnnx(dims, SEED)),
    write(join(OUT_DIR, 'README.md'), readme(vocab.length, files)),
  ];

  console.log(`handbook: ${files} Markdown file(s), ${counts.size} distinct words; vocab size ${vocab.length}`);
  for (const f of written) console.log(`wrote ${f.path}  ${f.bytes.toLocaleString('en-US')} bytes  sha256 ${f.sha256.slice(0, 16)}`);
  const total = written.reduce((sum, f) => sum + f.bytes, 0);
  console.log(`total ${total.toLocaleString('en-US')} bytes`);
}

// Run only when executed directly, so tests may import the helpers above.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
