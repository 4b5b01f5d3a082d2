import type { KeywordIndexData } from './keyword-index.ts';

/**
 * One keyword index as bytes: a little-endian u32 header length, the JSON header (language, term options, entry
 * count, vocabulary, array lengths, width of entry numbers), zero padding to 4 bytes, then offsets, entries (two
 * bytes each when every entry number fits, padded to 4 bytes; four otherwise), impacts and field masks. Plain Web
 * APIs only, so the server and the browser read the same file. Files written before entries could take two bytes
 * have no width in their header and are read as four.
 */
const MAGIC = 'HBKW1';

export function encodeKeywordIndex(data: KeywordIndexData, options: { docWidth?: 2 | 4 } = {}): Uint8Array {
  // Two bytes per entry number halve one of the two largest arrays for handbooks under 65,536 entries.
  const docWidth = options.docWidth ?? (data.n <= 0xffff ? 2 : 4);
  const header = new TextEncoder().encode(
    JSON.stringify({
      magic: MAGIC,
      lang: data.lang,
      terms: data.terms,
      n: data.n,
      vocabulary: data.vocabulary,
      postings: data.docs.length,
      ...(docWidth === 2 ? { docWidth } : {}),
    }),
  );
  const start = align(4 + header.length);
  const postings = data.docs.length;
  const docs = docWidth === 2 ? Uint16Array.from(data.docs) : data.docs;
  const size = start + data.offsets.byteLength + align(postings * docWidth) + postings * 4 + align(postings);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let at = start;
  for (const part of [data.offsets, docs, data.impacts, data.fields]) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += align(part.byteLength);
  }
  return out;
}

/** Reads bytes written by {@link encodeKeywordIndex}; throws a plain message when they are not such a file. */
export function decodeKeywordIndex(bytes: Uint8Array): KeywordIndexData {
  if (bytes.byteLength < 8) throw new Error('the keyword index file is too short');
  // Typed-array views need 4-byte alignment; a Node Buffer from a pool may not have it.
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const headerLength = new DataView(own.buffer, own.byteOffset, own.byteLength).getUint32(0, true);
  if (4 + headerLength > own.byteLength) throw new Error('the keyword index header is cut short');
  let header: {
    magic: string;
    lang: KeywordIndexData['lang'];
    terms: KeywordIndexData['terms'];
    n: number;
    vocabulary: string[];
    postings: number;
    docWidth?: 2 | 4;
  };
  try {
    header = JSON.parse(new TextDecoder().decode(own.subarray(4, 4 + headerLength)));
  } catch {
    throw new Error('the keyword index header is not readable');
  }
  if (header.magic !== MAGIC) throw new Error('the file is not a keyword index of this version');
  const t = header.vocabulary.length;
  const p = header.postings;
  const docWidth = header.docWidth ?? 4;
  if (docWidth !== 2 && docWidth !== 4) throw new Error(`the keyword index stores entries in ${String(docWidth)} bytes, not 2 or 4`);
  let at = own.byteOffset + align(4 + headerLength);
  const expected = align(4 + headerLength) + (t + 1) * 4 + align(p * docWidth) + p * 4 + p;
  if (own.byteLength < expected) throw new Error(`the keyword index has ${own.byteLength} bytes, expected ${expected}`);
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
    const view = make(own.buffer, at, length);
    at += align(length * width);
    return view;
  };
  const offsets = take((b, o, l) => new Uint32Array(b, o, l), t + 1, 4);
  const docs = docWidth === 2 ? take((b, o, l) => new Uint16Array(b, o, l), p, 2) : take((b, o, l) => new Uint32Array(b, o, l), p, 4);
  const impacts = take((b, o, l) => new Float32Array(b, o, l), p, 4);
  const fields = take((b, o, l) => new Uint8Array(b, o, l), p, 1);
  if (offsets[t] !== p) throw new Error('the keyword index postings do not add up');
  return { lang: header.lang, terms: header.terms, n: header.n, vocabulary: header.vocabulary, offsets, docs, impacts, fields };
}

function align(n: number): number {
  return (n + 3) & ~3;
}
