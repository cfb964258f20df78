import { PDFArray, PDFContentStream, PDFDict, PDFDocument, PDFHexString, PDFName, PDFObject, PDFOperator, PDFRawStream, PDFRef, PDFStream, PDFString } from 'pdf-lib';

import { PdfRef } from '../pdf/objects';
import { IncrementalUpdate } from '../pdf/writer';
import { EmbeddedSubset, FontStyle, TinosFont } from './fonts';
import { pngForPdf } from './png';

/**
 * A font as one side document uses it: texts are measured and registered while the layout is
 * worked out; once every text is known the subset is embedded and the texts encoded.
 */
export class FontHandle {
  private readonly glyphs: ReturnType<TinosFont['shape']> = [];
  private embedded?: EmbeddedSubset;

  constructor(
    private readonly font: TinosFont,
    readonly ref: PDFRef,
  ) {}

  width(text: string, size: number): number {
    return this.font.width(text, size);
  }

  /** Registers a text that will be drawn (its glyphs go into the subset). */
  use(text: string): void {
    this.glyphs.push(...this.font.shape(text));
  }

  /** The text as glyph ids of the embedded subset (Identity-H). */
  encode(text: string): PDFHexString {
    if (!this.embedded) throw new Error('Font used before it was embedded');
    const { newIds } = this.embedded;
    return PDFHexString.of(
      this.font
        .shape(text)
        .map((g) => (newIds.get(g.id) ?? 0).toString(16).padStart(4, '0'))
        .join(''),
    );
  }

  /** Embeds the subset as a Type 0 font with a CIDFontType2 descendant (PDF 32000 §9.7). */
  async embed(doc: PDFDocument): Promise<void> {
    const subset = await this.font.subset(this.glyphs);
    this.embedded = subset;
    const { context } = doc;
    const fontFile = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length1: subset.fontFileLength }), subset.fontFile));
    const toUnicode = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), subset.toUnicode));
    const d = subset.descriptor;
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: subset.baseFont,
        Flags: d.flags,
        FontBBox: d.bbox,
        ItalicAngle: d.italicAngle,
        Ascent: d.ascent,
        Descent: d.descent,
        CapHeight: d.capHeight,
        XHeight: d.xHeight,
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: subset.baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [0, subset.widths],
        CIDToGIDMap: 'Identity',
      }),
    );
    context.assign(this.ref, context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: subset.baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  }
}

interface PendingForm {
  ref: PDFRef;
  width: number;
  height: number;
  draw: () => PDFOperator[];
  fonts: Record<string, FontHandle>;
  images: Record<string, PDFRef>;
  matrix?: number[];
}

/**
 * A small pdf-lib document that holds the appearances of one signing: form XObjects whose
 * content pdf-lib's operators draw, Tinos subsets, images. Its objects are then copied into the
 * incremental update under new numbers; the side document itself is never saved.
 */
export class SideDocument {
  private readonly fonts = new Map<FontStyle, FontHandle>();
  private readonly forms: PendingForm[] = [];

  private constructor(readonly doc: PDFDocument) {}

  static async create(): Promise<SideDocument> {
    return new SideDocument(await PDFDocument.create({ updateMetadata: false }));
  }

  font(style: FontStyle): FontHandle {
    let font = this.fonts.get(style);
    if (!font) {
      font = new FontHandle(TinosFont.get(style), this.doc.context.nextRef());
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

  /** A form XObject of the given size; `draw` runs once the fonts are embedded. */
  form(o: Omit<PendingForm, 'ref'>): PDFRef {
    const ref = this.doc.context.nextRef();
    this.forms.push({ ...o, ref });
    return ref;
  }

  private async finish(): Promise<void> {
    const { context } = this.doc;
    for (const font of this.fonts.values()) await font.embed(this.doc);
    for (const form of this.forms) {
      const fonts = Object.fromEntries(Object.entries(form.fonts).map(([key, font]) => [key, font.ref]));
      const resources: Record<string, unknown> = { ProcSet: ['PDF', 'Text', 'ImageC', 'ImageB'] };
      if (Object.keys(fonts).length) resources.Font = fonts;
      if (Object.keys(form.images).length) resources.XObject = form.images;
      const dict = context.obj({
        Type: 'XObject',
        Subtype: 'Form',
        FormType: 1,
        BBox: [0, 0, form.width, form.height],
        Matrix: form.matrix ?? [1, 0, 0, 1, 0, 0],
        Resources: resources as Parameters<typeof context.obj>[0],
      });
      context.assign(form.ref, PDFContentStream.of(dict, form.draw(), false));
    }
  }

  /**
   * Embeds the fonts, draws the forms, then writes every object reachable from the given
   * XObjects into the update under fresh numbers, and returns the new references in order.
   */
  async copyInto(update: IncrementalUpdate, roots: PDFRef[]): Promise<PdfRef[]> {
    await this.finish();
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
    const mapped = (ref: PDFRef): PdfRef => {
      const target = numbers.get(ref.tag);
      if (!target) throw new Error(`Appearance object ${ref.tag} was not copied`);
      return target;
    };

    const write = (object: PDFObject): string => {
      if (object instanceof PDFRef) {
        const target = mapped(object);
        return `${target.num} ${target.gen} R`;
      }
      if (object instanceof PDFDict) return `<<${object.entries().map(([key, value]) => `${key.toString()} ${write(value)}`).join(' ')}>>`;
      if (object instanceof PDFArray) return `[${object.asArray().map(write).join(' ')}]`;
      return object.toString();
    };
    for (const ref of order) {
      const object = context.lookup(ref);
      const target = mapped(ref);
      if (object instanceof PDFStream) {
        const contents = object.getContents();
        const dict = object.dict.clone(context);
        dict.set(PDFName.of('Length'), context.obj(contents.length));
        update.setRaw(target, [write(dict), '\nstream\n', Buffer.from(contents.buffer, contents.byteOffset, contents.length), '\nendstream']);
      } else if (object) {
        update.setRaw(target, [write(object)]);
      }
    }
    return roots.map(mapped);
  }
}
