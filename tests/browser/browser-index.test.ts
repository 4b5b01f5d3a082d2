import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBrowserEntries, readBrowserGlossary, readBrowserKeywordIndex } from '../../src/browser/browser-index.ts';
import { encodeKeywordIndex } from '../../src/retrieval/keyword-index-file.ts';
import { buildKeywordIndex } from '../../src/retrieval/keyword-index.ts';

const entries = [{ id: 'dang-ky-khai-tu', title: 'Đăng ký khai tử cần những giấy tờ gì?', aliases: ['làm giấy chứng tử'] }];
const json = Buffer.from(JSON.stringify(entries));
const glossary = [{ term: 'Trích lục khai tử', lang: 'vi', says: ['giấy chứng tử'], entries: ['dang-ky-khai-tu'] }];

describe("the browser index's files", () => {
  it('give the entries from the gzipped bytes the build writes, Vietnamese letters intact', () => {
    expect(readBrowserEntries(gzipSync(json))).toEqual(entries);
  });

  it('give the entries from plain JSON too, when a static host has already undone the gzip', () => {
    expect(readBrowserEntries(json)).toEqual(entries);
  });

  it('give the glossary from gzipped or plain bytes alike', () => {
    const bytes = Buffer.from(JSON.stringify(glossary));
    expect(readBrowserGlossary(gzipSync(bytes))).toEqual(glossary);
    expect(readBrowserGlossary(bytes)).toEqual(glossary);
  });

  it('give a keyword index from gzipped or plain bytes alike, the same as the one encoded', () => {
    const index = buildKeywordIndex(
      [{ question: 'Đăng ký khai tử', aliases: ['giấy chứng tử'], tags: [], body: 'Mang giấy báo tử.' }],
      'vi',
    );
    const bytes = encodeKeywordIndex(index);
    expect(readBrowserKeywordIndex(gzipSync(bytes)).vocabulary).toEqual(index.vocabulary);
    expect(readBrowserKeywordIndex(bytes).vocabulary).toEqual(index.vocabulary);
    expect(Array.from(readBrowserKeywordIndex(gzipSync(bytes)).impacts)).toEqual(Array.from(index.impacts));
  });
});
