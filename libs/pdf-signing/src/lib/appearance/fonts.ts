import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

import * as fontkit from '@pdf-lib/fontkit';

/** Tinos (metric-compatible with Times New Roman, which Decree 30 names) in its four styles. */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FONT_FILES: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

declare const __non_webpack_require__: NodeRequire | undefined;

/**
 * Node's own `require.resolve`, also when this library is bundled by webpack (which would turn
 * a plain `require.resolve` into a module number): the font files stay in node_modules.
 */
function resolvePackageFile(spec: string): string {
  return (typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require).resolve(spec);
}

/** One shaped glyph: its id in the full font, its advance (font units) and the text it stands for. */
interface ShapedGlyph {
  id: number;
  advance: number;
  text: string;
}

interface TrueTypeSubset {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
  includeGlyph(glyph: number): number;
  encodeStream(): { on(event: 'data', listener: (chunk: Uint8Array) => void): void; on(event: 'end', listener: () => void): void };
}

/** What a subset of a font becomes in a PDF, kept per glyph set so that a signer's next signature reuses it. */
export interface EmbeddedSubset {
  /** Subset tag + PostScript name, e.g. `KQZMVB+Tinos-Bold`. */
  baseFont: string;
  /** Original glyph id → glyph id (= CID) in the subset. */
  newIds: Map<number, number>;
  /** Flate-compressed TrueType program (FontFile2). */
  fontFile: Buffer;
  fontFileLength: number;
  /** Advance widths in 1/1000 em by CID. */
  widths: number[];
  /** Flate-compressed ToUnicode CMap. */
  toUnicode: Buffer;
  descriptor: { flags: number; bbox: number[]; italicAngle: number; ascent: number; descent: number; capHeight: number; xHeight: number };
}

/**
 * fontkit (1.1.1) copies each glyph's bytes as they are and then writes a short `loca` table,
 * which stores offsets halved: a glyph of odd length (Tinos has many) shifts every glyph after
 * it, and viewers draw nothing for them. Padding each glyph to an even length is what the
 * TrueType format expects anyway.
 */
function padGlyphsToEvenLength(subset: TrueTypeSubset): void {
  const addGlyph = subset._addGlyph;
  subset._addGlyph = function (this: TrueTypeSubset, gid: number) {
    const index = addGlyph.call(this, gid);
    const bytes = this.glyf[index];
    if (bytes.length % 2) {
      // Same (fontkit-bundled) Buffer class as the glyph, so that fontkit's encoder accepts it.
      const padded = new (bytes.constructor as new (length: number) => Uint8Array)(bytes.length + 1);
      padded.set(bytes, 0);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
}

/**
 * fontkit for `PDFDocument.registerFontkit`, with the even-length glyph fix above: pdf-lib's own
 * font subsets (`embedFont(bytes, { subset: true })`) otherwise lose glyphs of Tinos and draw
 * Vietnamese text with holes in it.
 */
export const fontkitForPdfLib = {
  create(data: Uint8Array, postscriptName?: string): fontkit.Font {
    const font = fontkit.create(data, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      padGlyphsToEvenLength(subset as unknown as TrueTypeSubset);
      return subset;
    };
    return font;
  },
};

function encodeSubset(subset: TrueTypeSubset): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    const stream = subset.encodeStream();
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

function toUnicodeCmap(entries: [number, string][]): string {
  const lines: string[] = [];
  // beginbfchar blocks hold at most 100 entries (PDF 32000 §9.10.3).
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    lines.push(`${block.length} beginbfchar`, ...block.map(([cid, text]) => `<${hex4(cid)}> <${utf16Hex(text)}>`), 'endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * One Tinos style: shaping (fontkit, with Vietnamese marks placed by the font's own tables),
 * and subsets embedded once per glyph set and then reused: signing again with the same name and
 * signing line costs no subsetting at all.
 */
export class TinosFont {
  private static readonly loaded = new Map<FontStyle, TinosFont>();
  private readonly shaped = new Map<string, ShapedGlyph[]>();
  private readonly subsets = new Map<string, EmbeddedSubset>();
  private readonly scale: number;

  private constructor(
    readonly style: FontStyle,
    private readonly font: fontkit.Font,
  ) {
    this.scale = 1000 / font.unitsPerEm;
  }

  static get(style: FontStyle): TinosFont {
    let font = TinosFont.loaded.get(style);
    if (!font) {
      font = new TinosFont(style, fontkit.create(readFileSync(resolvePackageFile(FONT_FILES[style]))));
      TinosFont.loaded.set(style, font);
    }
    return font;
  }

  /** The glyphs of a text (NFC), from a small per-font cache: names and signing lines come back often. */
  shape(text: string): ShapedGlyph[] {
    let glyphs = this.shaped.get(text);
    if (!glyphs) {
      const run = this.font.layout(text);
      // What each glyph stands for comes from the font's character map, not from glyph.codePoints:
      // fontkit caches glyph objects, and one first created as a component of a composite glyph
      // (the U inside Ủ) keeps an empty list of code points for every later text.
      const byId = new Map<number, string>();
      for (const character of text) {
        const id = this.font.glyphForCodePoint(character.codePointAt(0) ?? 0).id;
        if (!byId.has(id)) byId.set(id, character);
      }
      glyphs = run.glyphs.map((glyph, i) => ({ id: glyph.id, advance: run.positions[i].xAdvance, text: byId.get(glyph.id) ?? String.fromCodePoint(...glyph.codePoints) }));
      if (this.shaped.size > 256) this.shaped.delete(this.shaped.keys().next().value as string);
      this.shaped.set(text, glyphs);
    }
    return glyphs;
  }

  /** Width of a text in points at a size. */
  width(text: string, size: number): number {
    return (this.shape(text).reduce((sum, g) => sum + g.advance, 0) * this.scale * size) / 1000;
  }

  /** The embedded subset holding these glyphs (built on first use, then cached). */
  async subset(glyphs: ShapedGlyph[]): Promise<EmbeddedSubset> {
    const unique = new Map<number, ShapedGlyph>();
    for (const glyph of glyphs) if (!unique.has(glyph.id)) unique.set(glyph.id, glyph);
    const ids = [...unique.keys()].sort((a, b) => a - b);
    const key = ids.join(',');
    const cached = this.subsets.get(key);
    if (cached) return cached;

    const subset = this.font.createSubset() as unknown as TrueTypeSubset;
    padGlyphsToEvenLength(subset);
    const newIds = new Map<number, number>();
    const widths: number[] = [0];
    const toUnicode: [number, string][] = [];
    for (const [id, glyph] of [...unique].sort(([a], [b]) => a - b)) {
      const cid = subset.includeGlyph(id);
      newIds.set(id, cid);
      widths[cid] = Math.round(this.font.getGlyph(id).advanceWidth * this.scale);
      toUnicode.push([cid, glyph.text]);
    }
    const program = await encodeSubset(subset);
    for (let i = 0; i < widths.length; i++) widths[i] ??= 0;
    const { font } = this;
    const tag = [...createHash('sha1').update(`${this.style}:${key}`).digest().subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
    const italic = this.style === 'italic' || this.style === 'boldItalic';
    const embedded: EmbeddedSubset = {
      baseFont: `${tag}+${(font.postscriptName ?? 'Tinos').replace(/[^A-Za-z0-9-]/g, '')}`,
      newIds,
      fontFile: deflateSync(program),
      fontFileLength: program.length,
      widths,
      toUnicode: deflateSync(Buffer.from(toUnicodeCmap(toUnicode), 'latin1')),
      descriptor: {
        // Nonsymbolic (32) + Serif (2), Italic (64) for the italic styles (PDF 32000 §9.8.2).
        flags: 32 | 2 | (italic ? 64 : 0),
        bbox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) => Math.round(v * this.scale)),
        italicAngle: font.italicAngle,
        ascent: Math.round(font.ascent * this.scale),
        descent: Math.round(font.descent * this.scale),
        capHeight: Math.round(font.capHeight * this.scale),
        xHeight: Math.round(font.xHeight * this.scale),
      },
    };
    if (this.subsets.size > 64) this.subsets.delete(this.subsets.keys().next().value as string);
    this.subsets.set(key, embedded);
    return embedded;
  }
}
