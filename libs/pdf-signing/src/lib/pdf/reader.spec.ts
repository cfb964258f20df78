import { corpus, hybridPdf } from '../../../test/fixtures';
import { PdfDict, PdfName, PdfRef, PdfString, writeValue } from './objects';
import { PdfParser } from './parser';
import { PdfReader } from './reader';

/** A one-page PDF with a classic table written by the caller's rules (entry size, offsets). */
function classicPdf(o: { eol?: string; shift?: number; trailing?: string } = {}): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Rotate -90 >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  const eol = o.eol ?? ' \n';
  body += `xref\n0 4\n0000000000 65535 f${eol}`;
  for (const offset of offsets) body += `${String(offset + (o.shift ?? 0)).padStart(10, '0')} 00000 n${eol}`;
  body += `trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n${o.trailing ?? ''}`;
  return Buffer.from(body, 'latin1');
}

describe('PdfParser', () => {
  it('reads strings with escapes, names with #xx, references and nested containers', () => {
    const parser = new PdfParser(Buffer.from('<< /A (x\\(y\\)\\101\\n) /B#20C <48656C6C6F> /R 12 0 R /N [1 -2.5 .5 true null] /D << /E /F >> >>', 'latin1'));
    const value = parser.parseValue() as PdfDict;
    expect((value.get('A') as PdfString).bytes.toString('latin1')).toBe('x(y)A\n');
    expect((value.get('B C') as PdfString).bytes.toString('latin1')).toBe('Hello');
    expect(value.get('R')).toEqual(new PdfRef(12, 0));
    expect(value.get('N')).toEqual([1, -2.5, 0.5, true, null]);
    expect((value.get('D') as PdfDict).get('E')).toBe(PdfName.of('F'));
  });

  it('writes back what it read, so rewritten objects say the same', () => {
    const source = '<</Type /Page /MediaBox [0 0 595.303937007874 841.889763779528] /Name#20X (a\\)b) /T <feff1ea0>>>';
    const value = new PdfParser(Buffer.from(source, 'latin1')).parseValue();
    expect(new PdfParser(Buffer.from(writeValue(value!), 'latin1')).parseValue()).toEqual(value);
  });
});

describe('PdfReader', () => {
  it('reads the page a signature needs from the page tree, with inherited and normalised /Rotate', () => {
    const page = PdfReader.open(classicPdf()).page(1);
    expect(page.box).toEqual([0, 0, 300, 200]);
    expect(page.rotate).toBe(270);
  });

  it('reads tables whose entries end with a bare line feed (19 bytes), as some writers make them', () => {
    expect(PdfReader.open(classicPdf({ eol: '\n' })).page(1).dict.name('Type')).toBe('Page');
  });

  it('finds objects whose table offsets are a few bytes off', () => {
    expect(PdfReader.open(classicPdf({ shift: 3 })).page(1).dict.name('Type')).toBe('Page');
  });

  it('tolerates a few bytes after %%EOF but refuses kilobytes of foreign data there', () => {
    expect(PdfReader.open(classicPdf({ trailing: '\r\n\0\0' })).pageCount()).toBe(1);
    expect(() => PdfReader.open(classicPdf({ trailing: 'x'.repeat(10_000) }))).toThrow(expect.objectContaining({ code: 'DAMAGED_PDF' }));
  });

  it('follows /XRefStm in a hybrid-reference file to objects the table lists as free', () => {
    const reader = PdfReader.open(hybridPdf());
    expect(reader.sections[0].kind).toBe('table');
    expect(reader.lookup(2)).toEqual({ type: 2, offset: 6, gen: 0 });
    expect(reader.pageCount()).toBe(1);
  });

  it('reads objects inside object streams, and only the stream it needs', () => {
    const reader = PdfReader.open(corpus('pdftex-handbook.pdf'));
    expect(reader.sections.map((s) => s.kind)).toEqual(['stream']);
    expect(reader.page(36).dict.name('Type')).toBe('Page');
    const catalogEntry = reader.lookup((reader.trailer.get('Root') as PdfRef).num);
    expect(catalogEntry?.type).toBe(2);
  });

  it('stops on a /Prev chain that loops back on itself', () => {
    const pdf = classicPdf().toString('latin1');
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    const looping = Buffer.from(pdf.replace('<< /Size 4 /Root 1 0 R >>', `<< /Size 4 /Root 1 0 R /Prev ${xref} >>`), 'latin1');
    expect(PdfReader.open(looping).sections).toHaveLength(1);
  });
});
