import type { BilingualText } from '../errors';
import { decodeStream } from './filters';
import { DEFAULT_INFLATE_LIMITS, InflateLimitError, InflateLimits } from './inflate';
import { PdfDict, PdfStream, PdfString, PdfValue } from './objects';
import { asTypedError, PdfReader } from './reader';

/** Kinds of active content: what a PDF viewer may run, launch, send or unpack on its own. */
export type ActiveContentKind =
  | 'javascript'
  | 'launch'
  | 'submit-form'
  | 'import-data'
  | 'remote-go-to'
  | 'external-link'
  | 'embedded-file'
  | 'file-attachment'
  | 'rich-media'
  | 'xfa';

/** One piece of active content and the object that holds it (0: the trailer). */
export interface ActiveContentFinding {
  kind: ActiveContentKind;
  objectNumber: number;
}

/** Each kind as a user reads it, for refusals. */
export const ACTIVE_CONTENT_TEXT: Readonly<Record<ActiveContentKind, BilingualText>> = {
  javascript: { vi: 'mã JavaScript', en: 'JavaScript' },
  launch: { vi: 'lệnh mở chương trình hoặc tệp trên máy (Launch)', en: 'an action that launches a program or file (Launch)' },
  'submit-form': { vi: 'lệnh gửi dữ liệu biểu mẫu ra ngoài (SubmitForm)', en: 'an action that sends form data elsewhere (SubmitForm)' },
  'import-data': { vi: 'lệnh nhập dữ liệu từ tệp bên ngoài (ImportData)', en: 'an action that imports data from another file (ImportData)' },
  'remote-go-to': { vi: 'liên kết mở tệp PDF khác (GoToR)', en: 'a link that opens another PDF file (GoToR)' },
  'external-link': { vi: 'liên kết tới tệp hoặc chương trình trên máy (không phải trang web)', en: 'a link to a local file or program (not a web page)' },
  'embedded-file': { vi: 'tệp nhúng bên trong', en: 'embedded files' },
  'file-attachment': { vi: 'chú thích đính kèm tệp', en: 'file attachment annotations' },
  'rich-media': { vi: 'nội dung đa phương tiện tương tác (Flash/RichMedia)', en: 'interactive rich media (Flash/RichMedia)' },
  xfa: { vi: 'biểu mẫu XFA', en: 'an XFA form' },
};

// PDF 32000 §12.6.4: the action types that run code, start programs, send data or leave the file.
const ACTIONS: Readonly<Record<string, ActiveContentKind>> = {
  JavaScript: 'javascript',
  Launch: 'launch',
  SubmitForm: 'submit-form',
  ImportData: 'import-data',
  GoToR: 'remote-go-to',
  GoToE: 'embedded-file',
  RichMediaExecute: 'rich-media',
};

// Links to web pages and e-mail addresses are ordinary in official documents; anything else
// (file:, smb:, a bare \\server\share path, javascript:) reaches outside the browser.
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

// A stream pdf.js may decode on the server (page contents, forms, fonts); images are only ever
// decoded by a viewer drawing them, which bounds them itself.
const isImage = (dict: PdfDict) => dict.name('Subtype') === 'Image';

/**
 * Every piece of active content in a PDF: JavaScript (document, page, field and annotation
 * actions, the document's JavaScript names), actions that launch programs, submit forms, import
 * data or open other files, links to anything but web pages and e-mail addresses, embedded
 * files and file attachments, rich media, and XFA forms. Every object of the current revision
 * is read (inside object streams too, names with `#xx` escapes decoded), referenced or not.
 *
 * On the way it also inflates, within `limits`, every compressed stream that a server-side
 * reader such as pdf.js may decode (all but images): a file that passes cannot make them expand
 * without bound later. Throws {@link UnsupportedPdfError} for a stream beyond the limits, and
 * the reader's errors ({@link NotAPdfError}, {@link DamagedPdfError} also for an object listed in
 * use that cannot be read, {@link EncryptedPdfError}).
 */
export function findActiveContent(pdf: Buffer, limits: Readonly<InflateLimits> = { ...DEFAULT_INFLATE_LIMITS, maxTotalBytes: 512 * 1024 * 1024 }): ActiveContentFinding[] {
  try {
    const reader = PdfReader.open(pdf, limits);
    const found = new Map<string, ActiveContentFinding>();
    const note = (kind: ActiveContentKind, objectNumber: number) => found.set(`${kind}:${objectNumber}`, { kind, objectNumber });

    const checkDict = (dict: PdfDict, objectNumber: number) => {
      const action = dict.name('S');
      if (action && ACTIONS[action]) note(ACTIONS[action], objectNumber);
      if (dict.has('JS')) note('javascript', objectNumber);
      if (action === 'URI') {
        const uri = reader.resolve(dict.get('URI'));
        const text = uri instanceof PdfString ? uri.bytes.toString('latin1').trim() : '';
        if (!SAFE_LINK.test(text)) note('external-link', objectNumber);
      }
      if (dict.has('EF') || dict.name('Type') === 'EmbeddedFile') note('embedded-file', objectNumber);
      const subtype = dict.name('Subtype');
      if (subtype === 'FileAttachment') note('file-attachment', objectNumber);
      if (subtype === 'RichMedia') note('rich-media', objectNumber);
      if (dict.has('XFA')) note('xfa', objectNumber);
    };

    const visit = (value: PdfValue | undefined, objectNumber: number, depth: number): void => {
      if (depth > 100 || value === undefined || value === null) return;
      if (Array.isArray(value)) {
        for (const item of value) visit(item, objectNumber, depth + 1);
      } else if (value instanceof PdfDict) {
        checkDict(value, objectNumber);
        for (const item of value.map.values()) visit(item, objectNumber, depth + 1);
      } else if (value instanceof PdfStream) {
        checkDict(value.dict, objectNumber);
        for (const item of value.dict.map.values()) visit(item, objectNumber, depth + 1);
        if (!isImage(value.dict)) {
          try {
            decodeStream(value, (v) => reader.resolve(v), reader.inflateBudget);
          } catch (error) {
            // A filter this library does not decode (LZW, run-length, CCITT…) or bytes that do not
            // inflate: nothing to measure here.
            if (error instanceof InflateLimitError) throw error;
          }
        }
      }
    };

    const numbers = new Set<number>();
    for (const section of reader.sections) {
      for (const num of section.numbers()) numbers.add(num);
      for (const num of section.hybridStream?.numbers() ?? []) numbers.add(num);
    }
    for (const section of reader.sections) visit(section.trailer, 0, 0);
    for (const num of numbers) {
      // An object listed in use that this reader cannot read is refused as damaged rather than
      // passed unseen: another reader might make more of it.
      visit(reader.getObject(num), num, 0);
    }
    return [...found.values()].sort((a, b) => a.objectNumber - b.objectNumber || a.kind.localeCompare(b.kind));
  } catch (error) {
    throw asTypedError(error);
  }
}
