/**
 * The fixed list of handbook topics. The key is the topic's URL segment and the
 * name of the folder under `handbook/<lang>/` that holds its entries.
 */
export const TOPICS = {
  'civil-status': { vi: 'Hộ tịch', en: 'Civil status' },
  certification: { vi: 'Chứng thực', en: 'Certification' },
  'business-households': { vi: 'Hộ kinh doanh', en: 'Business households' },
  land: { vi: 'Đất đai', en: 'Land' },
  construction: { vi: 'Xây dựng', en: 'Construction' },
  'fees-payments': { vi: 'Phí, lệ phí và thanh toán', en: 'Fees and payments' },
  'accounts-systems': { vi: 'Tài khoản và hệ thống', en: 'Accounts and systems' },
  'digital-signatures': { vi: 'Chữ ký số', en: 'Digital signatures' },
  'connectivity-incidents': { vi: 'Kết nối và sự cố', en: 'Connectivity and incidents' },
  'reception-results': { vi: 'Tiếp nhận và trả kết quả', en: 'Reception and results' },
  'social-affairs': { vi: 'Chính sách xã hội', en: 'Social affairs' },
  other: { vi: 'Khác', en: 'Other' },
} as const;

/** A topic key such as `civil-status`. */
export type Topic = keyof typeof TOPICS;

/** Topic keys in display order. */
export const TOPIC_KEYS = Object.keys(TOPICS) as [Topic, ...Topic[]];

/** Languages the handbook is written in; Vietnamese is the primary one. */
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The topic's display name in a language. */
export function topicLabel(topic: Topic, lang: Lang): string {
  return TOPICS[topic][lang];
}
