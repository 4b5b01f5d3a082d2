import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBrowserEntries } from '../../src/browser/browser-index.ts';

const entries = [{ id: 'dang-ky-khai-tu', title: 'Đăng ký khai tử cần những giấy tờ gì?', aliases: ['làm giấy chứng tử'] }];
const json = Buffer.from(JSON.stringify(entries));

describe("the browser index's entries file", () => {
  it('is read from the gzipped bytes the build writes, Vietnamese letters intact', () => {
    expect(readBrowserEntries(gzipSync(json))).toEqual(entries);
  });

  it('is read as plain JSON too, when a static host has already undone the gzip', () => {
    expect(readBrowserEntries(json)).toEqual(entries);
  });
});
