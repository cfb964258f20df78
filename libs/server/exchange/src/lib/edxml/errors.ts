import { DomainError } from '@vanthu/server/core';
import { ErrorCode, LocalizedText } from '@vanthu/shared/contracts';

/**
 * A packet this installation will not take: nothing of it is stored. The message names what is
 * wrong in both languages, so that the sender's operator (or the clerk) can act on it.
 */
export class PacketRefused extends DomainError {
  constructor(code: ErrorCode, text: LocalizedText, status = 422) {
    super(status, code, text);
  }
}

export const refuse = {
  malformed: (detail: string) =>
    new PacketRefused(ErrorCode.PacketMalformed, {
      vi: `Gói tin không phải là tệp edXML hợp lệ: ${detail}.`,
      en: `The packet is not a valid edXML file: ${detail}.`,
    }),
  namespace: (found: string | null) =>
    new PacketRefused(ErrorCode.PacketWrongNamespace, {
      vi: `Gói tin không thuộc không gian tên edXML (QCVN 102:2016)${found ? `: gặp "${found}"` : ''}.`,
      en: `The packet is not in the edXML namespace (QCVN 102:2016)${found ? `: found "${found}"` : ''}.`,
    }),
  missing: (element: string) =>
    new PacketRefused(ErrorCode.PacketMissingElement, {
      vi: `Gói tin thiếu thành phần bắt buộc "${element}" hoặc thành phần này để trống.`,
      en: `The packet lacks the required element "${element}", or it is empty.`,
    }),
  invalid: (element: string, value: string) =>
    new PacketRefused(ErrorCode.PacketMissingElement, {
      vi: `Giá trị "${value.slice(0, 60)}" của thành phần "${element}" không hợp lệ.`,
      en: `The value "${value.slice(0, 60)}" of "${element}" is not valid.`,
    }),
  identifier: (element: string, value: string) =>
    new PacketRefused(ErrorCode.InvalidIdentifierCode, {
      vi: `Mã định danh "${value.slice(0, 40)}" ở "${element}" không hợp lệ: cần tối đa 13 ký tự, gồm các nhóm chữ và số cách nhau bởi dấu chấm (ví dụ 000.00.00.H41).`,
      en: `The identifier code "${value.slice(0, 40)}" in "${element}" is not valid: at most 13 characters, groups of letters and digits separated by dots (e.g. 000.00.00.H41).`,
    }),
  unsafe: () =>
    new PacketRefused(ErrorCode.PacketUnsafeXml, {
      vi: 'Gói tin chứa khai báo DOCTYPE hoặc thực thể (ENTITY); gói tin edXML không được dùng các khai báo này.',
      en: 'The packet holds a DOCTYPE or an ENTITY declaration, which an edXML packet must not use.',
    }),
  tooLarge: (what: LocalizedText, limitBytes: number) => {
    const mb = Math.max(1, Math.round(limitBytes / (1024 * 1024)));
    return new PacketRefused(
      ErrorCode.PacketTooLarge,
      { vi: `${what.vi} vượt quá giới hạn cho phép (${mb} MB).`, en: `${what.en} is larger than the allowed ${mb} MB.` },
      413,
    );
  },
  bomb: (name: string) =>
    new PacketRefused(
      ErrorCode.PacketTooLarge,
      {
        vi: `Tệp nén "${name}" giải nén ra quá lớn so với dung lượng nén (nghi là "bom nén").`,
        en: `The zipped file "${name}" unzips to far more than its compressed size (a zip bomb).`,
      },
      413,
    ),
  tooManyFiles: (limit: number) =>
    new PacketRefused(ErrorCode.PacketTooLarge, { vi: `Gói tin có quá ${limit} tệp đính kèm.`, en: `The packet holds more than ${limit} files.` }, 413),
  badAttachment: (name: string, why: LocalizedText) =>
    new PacketRefused(ErrorCode.PacketBadAttachment, {
      vi: `Tệp đính kèm "${name}" không đọc được: ${why.vi}.`,
      en: `The attachment "${name}" cannot be read: ${why.en}.`,
    }),
};
