import { readFileSync } from 'node:fs';

import * as fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFContentStream, PDFDict, PDFDocument, PDFFont, PDFName, PDFObject, PDFOperator, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';

import { PdfRef } from '../pdf/objects';
import { IncrementalUpdate } from '../pdf/writer';
import { pngForPdf } from './png';

/** Tinos (metric-compatible with Times New Roman, which Decree 30 names) in its four styles. */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FONT_FILES: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

const fontBytes = new Map<FontStyle, Uint8Array>();
const parsedFonts = new WeakMap<Uint8Array, fontkit.Font>();

interface TrueTypeSubset {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * fontkit (1.1.1) copies each glyph's bytes as they are and then writes a short `loca` table,
 * which stores offsets halved: a glyph of odd length (Tinos has many) shifts every glyph after
 * it, and viewers draw nothing for them. Padding each glyph to an even length is what the
 * TrueType format expects anyway.
 */
function evenGlyphs(font: fontkit.Font): fontkit.Font {
  const wrapped = Object.create(font) as fontkit.Font;
  wrapped.createSubset = () => {
    const subset = font.createSubset() as unknown as TrueTypeSubset;
    const addGlyph = subset._addGlyph;
    if (typeof addGlyph === 'function') {
      subset._addGlyph = function (this: TrueTypeSubset, gid: number) {
        const index = addGlyph.call(this, gid);
        const bytes = this.glyf[index];
        if (bytes.length % 2) {
          // Same (fontkit-bundled) Buffer class as the glyph, so fontkit's encoder accepts it.
          const padded = new (bytes.constructor as new (length: number) => Uint8Array)(bytes.length + 1);
          padded.set(bytes, 0);
          padded[bytes.length] = 0;
          this.glyf[index] = padded;
          this.offset += 1;
        }
        return index;
      };
    }
    return subset as unknown as ReturnType<fontkit.Font['createSubset']>;
  };
  return wrapped;
}

// pdf-lib parses a font on every embedFont; parsing Tinos costs far more than signing, so the
// parsed font is kept per process (fontkit fonts are read-only once parsed).
const cachingFontkit = {
  create(data: Uint8Array): fontkit.Font {
    let font = parsedFonts.get(data);
    if (!font) {
      font = evenGlyphs(fontkit.create(data));
      parsedFonts.set(data, font);
    }
    return font;
  },
};

function bytesOf(style: FontStyle): Uint8Array {
  let bytes = fontBytes.get(style);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FONT_FILES[style]));
    fontBytes.set(style, bytes);
  }
  return bytes;
}

/**
 * A small pdf-lib document that holds the appearances of one signing: form XObjects drawn with
 * pdf-lib, Tinos embedded as a subset (only the glyphs used). Its objects are then copied into
 * the incremental update under new numbers; the side document itself is never saved.
 */
export class SideDocument {
  private readonly fonts = new Map<FontStyle, PDFFont>();

  private constructor(readonly doc: PDFDocument) {}

  static async create(): Promise<SideDocument> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(cachingFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
    return new SideDocument(doc);
  }

  async font(style: FontStyle): Promise<PDFFont> {
    let font = this.fonts.get(style);
    if (!font) {
      font = await this.doc.embedFont(bytesOf(style), { subset: true });
      this.fonts.set(style, font);
    }
    return font;
  }

  /** An image XObject for a PNG (with its alpha as a soft mask). */
  image(png: Buffer): { ref: PDFRef; width: number; height: number } {
    const { context } = this.doc;
    const data = pngForPdf(png);
    const common = { Type: 'XObject', Subtype: 'Image', Width: data.width, Height: data.height, BitsPerComponent: 8, Filter: 'FlateDecode' };
    const mask = data.alpha ? context.register(PDFRawStream.of(context.obj({ ...common, ColorSpace: 'DeviceGray' }), data.alpha)) : undefined;
    const ref = context.register(PDFRawStream.of(context.obj({ ...common, ColorSpace: data.colorSpace, ...(mask ? { SMask: mask } : {}) }), data.color));
    return { ref, width: data.width, height: data.height };
  }

  /** A form XObject of the given size drawn by pdf-lib operators. */
  form(o: { width: number; height: number; operators: PDFOperator[]; fonts: Record<string, PDFFont>; images: Record<string, PDFRef>; matrix?: number[] }): PDFRef {
    const { context } = this.doc;
    const fonts = Object.fromEntries(Object.entries(o.fonts).map(([key, font]) => [key, font.ref]));
    const resources: Record<string, unknown> = { ProcSet: ['PDF', 'Text', 'ImageC', 'ImageB'] };
    if (Object.keys(fonts).length) resources.Font = fonts;
    if (Object.keys(o.images).length) resources.XObject = o.images;
    const dict = context.obj({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [0, 0, o.width, o.height],
      Matrix: o.matrix ?? [1, 0, 0, 1, 0, 0],
      Resources: resources as Parameters<typeof context.obj>[0],
    });
    return context.register(PDFContentStream.of(dict, o.operators, false));
  }

  /**
   * Embeds the fonts (subsetting happens here), then writes every object reachable from the
   * given XObjects into the update under fresh numbers, and returns the new references in order.
   */
  async copyInto(update: IncrementalUpdate, roots: PDFRef[]): Promise<PdfRef[]> {
    await this.doc.flush();
    const { context } = this.doc;
    const numbers = new Map<string, PdfRef>();
    const order: PDFRef[] = [];
    const visit = (object: PDFObject | undefined) => {
      if (!object) return;
      if (object instanceof PDFRef) {
        if (numbers.has(object.tag)) return;
        numbers.set(object.tag, update.allocate());
        order.push(object);
        visit(context.lookup(object));
      } else if (object instanceof PDFDict) {
        for (const [, value] of object.entries()) visit(value);
      } else if (object instanceof PDFArray) {
        for (const value of object.asArray()) visit(value);
      } else if (object instanceof PDFStream) {
        visit(object.dict);
      }
    };
    for (const root of roots) visit(root);

    const write = (object: PDFObject): string => {
      if (object instanceof PDFRef) {
        const mapped = numbers.get(object.tag)!;
        return `${mapped.num} ${mapped.gen} R`;
      }
      if (object instanceof PDFDict) {
        const entries = object.entries().map(([key, value]) => `${key.toString()} ${write(value)}`);
        return `<<${entries.join(' ')}>>`;
      }
      if (object instanceof PDFArray) return `[${object.asArray().map(write).join(' ')}]`;
      return object.toString();
    };
    for (const ref of order) {
      const object = context.lookup(ref);
      const target = numbers.get(ref.tag)!;
      if (object instanceof PDFStream) {
        const contents = Buffer.from(object.getContents());
        const dict = object.dict.clone(context);
        dict.set(PDFName.of('Length'), context.obj(contents.length));
        update.setRaw(target, [write(dict), '\nstream\n', contents, '\nendstream']);
      } else if (object) {
        update.setRaw(target, [write(object)]);
      }
    }
    return roots.map((root) => numbers.get(root.tag)!);
  }
}
