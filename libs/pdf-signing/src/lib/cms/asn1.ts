import forge from 'node-forge';

/**
 * ASN.1 both ways. Building uses node-forge's ASN.1 (values are binary strings). Reading uses a
 * small BER reader of our own that keeps every element's byte offsets, because verification
 * must hash and verify the exact bytes that were signed (signed attributes, certificates).
 */

const { asn1 } = forge;
const { Class, Type } = asn1;

/** A node being built. */
export type Asn1 = forge.asn1.Asn1;

const binary = (bytes: Buffer): string => bytes.toString('latin1');

/** SEQUENCE of the given elements. */
export const seq = (...items: Asn1[]): Asn1 => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
/** SET of the given elements (in the order given: callers sort when DER requires it). */
export const set = (...items: Asn1[]): Asn1 => asn1.create(Class.UNIVERSAL, Type.SET, true, items);
/** OBJECT IDENTIFIER from its dotted form. */
export const oid = (dotted: string): Asn1 => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(dotted).getBytes());
/** NULL (the parameters of RSA algorithm identifiers). */
export const nullValue = (): Asn1 => asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
/** BOOLEAN. */
export const bool = (value: boolean): Asn1 => asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, value ? '\xff' : '\x00');
/** OCTET STRING of raw bytes. */
export const octets = (bytes: Buffer): Asn1 => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, binary(bytes));
/** `[tag] EXPLICIT` around one element. */
export const explicit = (tag: number, value: Asn1): Asn1 => asn1.create(Class.CONTEXT_SPECIFIC, tag, true, [value]);
/** `[tag] IMPLICIT SET OF` (certificates and unsigned attributes in CMS). */
export const implicitSet = (tag: number, items: Asn1[]): Asn1 => asn1.create(Class.CONTEXT_SPECIFIC, tag, true, items);

/** An INTEGER from its big-endian two's-complement content bytes (as read from a certificate), or a small number. */
export function integer(value: Buffer | number): Asn1 {
  if (typeof value === 'number') {
    const hex = value.toString(16);
    let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    if (bytes[0] >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, binary(bytes));
  }
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, binary(value));
}

// node-forge reads options its typings do not declare; BIT STRINGs must stay opaque (keys, signatures).
const fromDer = asn1.fromDer as unknown as (bytes: forge.util.ByteBuffer, options: { strict: boolean; decodeBitStrings: boolean; parseAllBytes: boolean }) => Asn1;

/** An encoded element reused as a node (a certificate, a name), re-encoded byte for byte when it is DER. */
export const raw = (der: Buffer): Asn1 => fromDer(forge.util.createBuffer(binary(der)), { strict: false, decodeBitStrings: false, parseAllBytes: false });

/** The DER encoding of a node. */
export const der = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'latin1');

/** One BER element as read: where it is and what it holds. */
export class Tlv {
  private childList?: Tlv[];

  constructor(
    /** The buffer the element was read from. */
    readonly source: Buffer,
    /** The identifier octet (class, constructed bit and low tag number). */
    readonly tag: number,
    readonly start: number,
    readonly contentStart: number,
    readonly contentEnd: number,
    /** Offset after the element (after the end-of-contents octets of an indefinite length). */
    readonly end: number,
  ) {}

  get constructed(): boolean {
    return (this.tag & 0x20) !== 0;
  }

  /** Context-specific tag number, or -1 for other classes. */
  get contextTag(): number {
    return (this.tag & 0xc0) === 0x80 ? this.tag & 0x1f : -1;
  }

  /** The element's bytes, header included. */
  get bytes(): Buffer {
    return this.source.subarray(this.start, this.end);
  }

  /** The content bytes (for a constructed string, the concatenation of its parts). */
  get content(): Buffer {
    if (this.constructed && (this.tag & 0x1f) === 0x04) return Buffer.concat(this.children.map((c) => c.content));
    return this.source.subarray(this.contentStart, this.contentEnd);
  }

  get children(): Tlv[] {
    if (!this.childList) {
      this.childList = [];
      for (let at = this.contentStart; at < this.contentEnd; ) {
        // End-of-contents octets close an indefinite-length parent.
        if (this.source[at] === 0 && this.source[at + 1] === 0) break;
        const child = readTlv(this.source, at, this.contentEnd);
        this.childList.push(child);
        at = child.end;
      }
    }
    return this.childList;
  }

  child(index: number): Tlv {
    const found = this.children[index];
    if (!found) throw new Asn1Error(`missing element ${index}`);
    return found;
  }

  /** An OBJECT IDENTIFIER's dotted text. */
  get oid(): string {
    if (this.tag !== 0x06) throw new Asn1Error('expected an OBJECT IDENTIFIER');
    return asn1.derToOid(forge.util.createBuffer(binary(this.content)));
  }

  /** An INTEGER as hex of its magnitude without leading zero bytes (uppercase, as certificates print serials). */
  get integerHex(): string {
    if (this.tag !== 0x02) throw new Asn1Error('expected an INTEGER');
    let bytes = this.content;
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    return bytes.toString('hex').toUpperCase();
  }

  /** A small INTEGER as a number. */
  get integer(): number {
    if (this.tag !== 0x02) throw new Asn1Error('expected an INTEGER');
    return this.content.reduce((value, byte) => value * 256 + byte, 0);
  }

  /** UTCTime or GeneralizedTime as a Date. */
  get time(): Date {
    const text = this.content.toString('latin1');
    if (this.tag === 0x17) {
      const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
      if (!m) throw new Asn1Error(`bad UTCTime ${text}`);
      const year = Number(m[1]) >= 50 ? 1900 + Number(m[1]) : 2000 + Number(m[1]);
      return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
    }
    if (this.tag === 0x18) {
      const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(text);
      if (!m) throw new Asn1Error(`bad GeneralizedTime ${text}`);
      const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
      let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
      if (m[8] && m[8] !== 'Z') t -= (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(3))) * 60_000;
      return new Date(t);
    }
    throw new Asn1Error('expected a time');
  }
}

/** Malformed ASN.1 where a structure was expected. */
export class Asn1Error extends Error {}

/** Reads the element at an offset (BER: definite or indefinite lengths, low tag numbers). */
export function readTlv(source: Buffer, start = 0, limit = source.length): Tlv {
  if (start + 2 > limit) throw new Asn1Error('truncated element');
  const tag = source[start];
  if ((tag & 0x1f) === 0x1f) throw new Asn1Error('high tag numbers are not supported');
  let at = start + 1;
  const first = source[at++];
  if (first === 0x80) {
    if (!(tag & 0x20)) throw new Asn1Error('indefinite length on a primitive element');
    // Indefinite length: the content runs until the end-of-contents octets at this level.
    let cursor = at;
    while (cursor + 1 < limit && !(source[cursor] === 0 && source[cursor + 1] === 0)) cursor = readTlv(source, cursor, limit).end;
    if (cursor + 1 >= limit) throw new Asn1Error('unterminated indefinite length');
    return new Tlv(source, tag, start, at, cursor, cursor + 2);
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 6 || at + count > limit) throw new Asn1Error('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + source[at++];
  }
  if (at + length > limit) throw new Asn1Error('element runs past its container');
  return new Tlv(source, tag, start, at, at + length, at + length);
}
