import { LocalizedText } from '@vanthu/shared/contracts';

/** Register books, handling slips, comments and results. */
export const RECORD_TEXTS = {
  'records.handlingSlip': { vi: 'In phiếu giải quyết văn bản đến', en: 'Print the handling slip' },
  'records.comments': { vi: 'Ý kiến', en: 'Comments' },
  'records.noComments': { vi: 'Chưa có ý kiến nào.', en: 'No comments yet.' },
  'records.commentText': { vi: 'Nội dung ý kiến hoặc kết quả xử lý', en: 'Comment or result' },
  'records.attach': { vi: 'Đính kèm tệp', en: 'Attach files' },
  'records.sendComment': { vi: 'Gửi ý kiến', en: 'Send comment' },
  'records.recordResult': { vi: 'Ghi kết quả xử lý', en: 'Record the result' },
  'records.result': { vi: 'Kết quả xử lý', en: 'Result' },
  'records.recipientResults': { vi: 'Kết quả xử lý của nơi nhận', en: "Recipients' results" },
  'records.noResult': { vi: 'chưa có kết quả', en: 'no result yet' },
  'records.registerBooks': { vi: 'Sổ đăng ký văn bản', en: 'Register books' },
  'records.register': { vi: 'Sổ', en: 'Register' },
  'records.registerOption': { vi: '{name} năm {year} (đến số {last})', en: '{name} {year} (up to {last})' },
  'records.noRegisters': { vi: 'Chưa có sổ nào trong năm.', en: 'No register this year yet.' },
  'records.printPdf': { vi: 'In sổ (PDF)', en: 'Print (PDF)' },
  'records.exportXlsx': { vi: 'Xuất Excel', en: 'Export to Excel' },
  'records.bookPeriod': { vi: 'Sổ của kỳ đang chọn ở trên.', en: 'The book of the period chosen above.' },
  'paper.registerAnyway': { vi: 'Vẫn vào sổ', en: 'Register anyway' },
  'history.document.commented': { vi: 'cho ý kiến', en: 'commented' },
  'history.document.result-recorded': { vi: 'ghi kết quả xử lý', en: 'recorded the result' },
} satisfies Record<string, LocalizedText>;
