import type { Lang } from '../content/topics.ts';

/** Interface text of the site, Vietnamese first. */
export const UI = {
  vi: {
    siteName: 'Sổ tay hành chính công',
    siteTagline: 'Hỏi đáp nghiệp vụ cho Trung tâm Phục vụ hành chính công cấp xã',
    home: 'Trang chủ',
    topics: 'Chủ đề',
    tags: 'Từ khóa',
    search: 'Tìm kiếm',
    searchLabel: 'Tìm trong sổ tay (gõ có dấu hoặc không dấu)',
    searchPage: 'Tìm kiếm trong sổ tay',
    askTitle: 'Hỏi sổ tay',
    askLabel: 'Câu hỏi của bạn',
    askPlaceholder: 'Ví dụ: Làm giấy chứng tử cần những gì?',
    askButton: 'Hỏi',
    recentlyReviewed: 'Mới rà soát',
    entries: (n: number) => `${n} câu hỏi`,
    answer: 'Trả lời',
    legalBasis: 'Căn cứ pháp lý',
    noLegalBasis: 'Chưa ghi căn cứ pháp lý; hỏi Tổ IOC nếu cần.',
    related: 'Câu hỏi liên quan',
    reviewedOn: 'Rà soát ngày',
    reviewDue: 'Hạn rà soát lại',
    owner: 'Phụ trách',
    appliesTo: 'Áp dụng cho',
    levels: { commune: 'xã', ward: 'phường', province: 'tỉnh' },
    translation: 'English version',
    maintainedBy:
      'Nội dung do Tổ IOC tỉnh biên soạn và rà soát định kỳ. Mỗi câu trả lời ghi ngày rà soát; khi quy định thay đổi, làm theo văn bản mới nhất và báo Tổ IOC.',
    skipToContent: 'Chuyển đến nội dung',
    breadcrumbs: 'Đường dẫn',
    mainNav: 'Điều hướng chính',
    languageName: 'Tiếng Việt',
    otherLanguage: 'English',
    allTopics: 'Tất cả chủ đề',
    tagHeading: (tag: string) => `Từ khóa: ${tag}`,
    print: 'In trang này',
    notFound: 'Không tìm thấy trang',
  },
  en: {
    siteName: 'Public Administration Handbook',
    siteTagline: 'Questions and answers for commune Public Administration Service Centers',
    home: 'Home',
    topics: 'Topics',
    tags: 'Tags',
    search: 'Search',
    searchLabel: 'Search the handbook',
    searchPage: 'Search the handbook',
    askTitle: 'Ask the handbook',
    askLabel: 'Your question',
    askPlaceholder: 'For example: What do I need to register a death?',
    askButton: 'Ask',
    recentlyReviewed: 'Recently reviewed',
    entries: (n: number) => (n === 1 ? '1 question' : `${n} questions`),
    answer: 'Answer',
    legalBasis: 'Legal basis',
    noLegalBasis: 'No legal basis recorded yet; ask the IOC team if you need it.',
    related: 'Related questions',
    reviewedOn: 'Reviewed on',
    reviewDue: 'Next review due',
    owner: 'Maintained by',
    appliesTo: 'Applies to',
    levels: { commune: 'commune', ward: 'ward', province: 'province' },
    translation: 'Bản tiếng Việt',
    maintainedBy:
      'Entries are written and regularly reviewed by the provincial IOC team. Each answer shows its review date; when rules change, follow the newest document and tell the IOC team.',
    skipToContent: 'Skip to content',
    breadcrumbs: 'Breadcrumbs',
    mainNav: 'Main navigation',
    languageName: 'English',
    otherLanguage: 'Tiếng Việt',
    allTopics: 'All topics',
    tagHeading: (tag: string) => `Tag: ${tag}`,
    print: 'Print this page',
    notFound: 'Page not found',
  },
} as const satisfies Record<Lang, unknown>;

/** Formats a date the way readers of the language expect (15/10/2026 or 15 October 2026). */
export function formatDate(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: lang === 'vi' ? '2-digit' : 'numeric',
    month: lang === 'vi' ? '2-digit' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** ISO date (YYYY-MM-DD) for `<time datetime>`. */
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
