/**
 * Writes the report (documents.ts) as a PostScript program for Ghostscript's pdfwrite, the way a
 * print driver would: Liberation Serif loaded as Type 42 fonts from -sFONTPATH, each re-encoded
 * so that its byte codes 128–255 name the Vietnamese letters the text uses, and one `show` per
 * placed word. make-corpus.sh then runs `gs -sDEVICE=pdfwrite` on it.
 *
 * usage: node tools/scripts/run-ts.js tools/pdf-corpus/postscript.ts <output.ps>
 */
import { writeFileSync } from 'node:fs';

import fontkit from '@pdf-lib/fontkit';

import { report } from './documents';
import { A4, fontBytes, FontStyle, layOut, PlacedWord } from './layout';

/** PostScript names of the Liberation Serif faces, as Ghostscript finds them on its font path. */
const POSTSCRIPT_NAMES: Record<FontStyle, string> = {
  regular: 'LiberationSerif',
  bold: 'LiberationSerif-Bold',
  italic: 'LiberationSerif-Italic',
  boldItalic: 'LiberationSerif-BoldItalic',
};

/** A re-encoding of one face: byte code per character, and the 256 glyph names of its /Encoding. */
interface Encoding {
  codes: Map<string, number>;
  names: string[];
}

function encodingFor(style: FontStyle, chars: Set<string>): Encoding {
  const font = fontkit.create(fontBytes(style));
  const glyphName = (char: string): string => {
    const codePoint = char.codePointAt(0) ?? 0;
    // fontkit reads the glyph's name from the post table; its typings leave `name` out.
    const { name } = font.glyphForCodePoint(codePoint) as { name?: string };
    // Ghostscript also knows glyphs by uniXXXX when the font's own name is missing.
    return name && name !== '.notdef' ? name : `uni${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  };
  const names = Array<string>(256).fill('.notdef');
  const codes = new Map<string, number>();
  let next = 128;
  for (const char of [...chars].sort()) {
    const codePoint = char.codePointAt(0) ?? 0;
    const code = codePoint >= 32 && codePoint < 127 ? codePoint : next++;
    if (code > 255) throw new Error(`more than 128 letters outside ASCII in ${style}`);
    codes.set(char, code);
    names[code] = glyphName(char);
  }
  return { codes, names };
}

/** A PostScript string literal of the given byte codes: ASCII as is, the rest as octal escapes. */
function psString(codes: number[]): string {
  const escape = (c: number): string => {
    if (c === 0x28 || c === 0x29 || c === 0x5c) return `\\${String.fromCharCode(c)}`;
    if (c >= 32 && c < 127) return String.fromCharCode(c);
    return `\\${c.toString(8).padStart(3, '0')}`;
  };
  return `(${codes.map(escape).join('')})`;
}

/** A pdfmark text string: UTF-16BE with its byte order mark, so that Info keeps the diacritics. */
const utf16 = (text: string) => `<FEFF${[...text].map((c) => (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')).join('')}>`;

function program(words: PlacedWord[], pageCount: number): string {
  const styles = [...new Set(words.map((w) => w.style))];
  const encodings = new Map<FontStyle, Encoding>();
  for (const style of styles) encodings.set(style, encodingFor(style, new Set(words.filter((w) => w.style === style).flatMap((w) => [...w.text.normalize('NFC')]))));

  const out: string[] = [
    '%!PS-Adobe-3.0',
    `%%BoundingBox: 0 0 ${Math.round(A4[0])} ${Math.round(A4[1])}`,
    '%%Title: Bao cao ket qua cong tac cai cach hanh chinh quy I nam 2025',
    `%%Pages: ${pageCount}`,
    '%%EndComments',
    '%%BeginProlog',
    '% reencode: /New /Base [names] -> defines New as Base with the given /Encoding',
    '/reencode { exch findfont dup length dict begin { 1 index /FID ne { def } { pop pop } ifelse } forall /Encoding exch def currentdict end definefont pop } bind def',
    '/W { moveto show } bind def',
    '%%EndProlog',
    '%%BeginSetup',
    `<< /PageSize [${A4[0]} ${A4[1]}] >> setpagedevice`,
    `[ /Title ${utf16('Báo cáo kết quả công tác cải cách hành chính quý I năm 2025')} /Author ${utf16('Phòng Nội vụ huyện Tuy Đức')} /DOCINFO pdfmark`,
  ];
  for (const style of styles) {
    const { names } = encodings.get(style) as Encoding;
    out.push(`/V-${POSTSCRIPT_NAMES[style]} /${POSTSCRIPT_NAMES[style]} [`);
    for (let i = 0; i < 256; i += 8) out.push(`  ${names.slice(i, i + 8).map((n) => `/${n}`).join(' ')}`);
    out.push('] reencode');
  }
  out.push('%%EndSetup');

  for (let page = 1; page <= pageCount; page++) {
    out.push(`%%Page: ${page} ${page}`);
    let current: string | null = null;
    for (const word of words.filter((w) => w.page === page)) {
      const font = `/V-${POSTSCRIPT_NAMES[word.style]} findfont ${word.size} scalefont setfont`;
      if (font !== current) out.push(font);
      current = font;
      const { codes } = encodings.get(word.style) as Encoding;
      out.push(`${psString([...word.text.normalize('NFC')].map((c) => codes.get(c) ?? 63))} ${word.x.toFixed(2)} ${word.y.toFixed(2)} W`);
    }
    out.push('showpage');
  }
  out.push('%%EOF', '');
  return out.join('\n');
}

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/scripts/run-ts.js tools/pdf-corpus/postscript.ts <output.ps>');
  process.exit(2);
}
const { words, pageCount } = layOut(report);
writeFileSync(file, program(words, pageCount), 'latin1');
