import type { KeywordIndexData } from './keyword-index.ts';

/**
 * One keyword index as bytes: a little-endian u32 header length, the JSON header (language, term options, entry
 * count, vocabulary, array lengths), zero padding to 4 bytes, then offsets, entries, impacts and field masks.
 * Plain Web APIs only, so the server and the browser read the same file.
 */
const MAGIC = 'HBKW1';

export function encodeKeywordIndex(data: KeywordIndexData): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      magic: MAGIC,
      lang: data.lang,
      terms: data.terms,
      n: data.n,
      vocabulary: data.vocabulary,
      postings: data.docs.length,
    }),
  );
  const start = align(4 + header.length);
  const postings = data.docs.length;
  const size = start + data.offsets.byteLength + postings * 4 * 2 + align(postings);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let at = start;
  for (const part of [data.offsets, data.docs, data.impacts, data.fields]) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part.byteLength;
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
  };
  try {
    header = JSON.parse(new TextDecoder().decode(own.subarray(4, 4 + headerLength)));
  } catch {
    throw new Error('the keyword index header is not readable');
  }
  if (header.magic !== MAGIC) throw new Error('the file is not a keyword index of this version');
  const t = header.vocabulary.length;
  const p = header.postings;
  let at = own.byteOffset + align(4 + headerLength);
  const expected = align(4 + headerLength) + (t + 1) * 4 + p * 8 + p;
  if (own.byteLength < expected) throw new Error(`the keyword index has ${own.byteLength} bytes, expected ${expected}`);
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
    const view = make(own.buffer, at, length);
    at += length * width;
    return view;
  };
  const offsets = take((b, o, l) => new Uint32Array(b, o, l), t + 1, 4);
  const docs = take((b, o, l) => new Uint32Array(b, o, l), p, 4);
  const impacts = take((b, o, l) => new Float32Array(b, o, l), p, 4);
  const fields = take((b, o, l) => new Uint8Array(b, o, l), p, 1);
  if (offsets[t] !== p) throw new Error('the keyword index postings do not add up');
  return { lang: header.lang, terms: header.terms, n: header.n, vocabulary: header.vocabulary, offsets, docs, impacts, fields };
}

function align(n: number): number {
  return (n + 3) & ~3;
}
