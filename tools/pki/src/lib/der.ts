import forge from 'node-forge';

const { asn1 } = forge;
const { Class, Type } = asn1;

/** One ASN.1 node as node-forge builds it (values are binary strings, not Buffers). */
export type Asn1 = forge.asn1.Asn1;

const binary = (bytes: Buffer): string => bytes.toString('latin1');

export const seq = (...items: Asn1[]): Asn1 => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
export const set = (...items: Asn1[]): Asn1 => asn1.create(Class.UNIVERSAL, Type.SET, true, items);
export const oid = (dotted: string): Asn1 => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(dotted).getBytes());
export const nullValue = (): Asn1 => asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
export const bool = (value: boolean): Asn1 => asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, value ? '\xff' : '\x00');
export const octets = (bytes: Buffer): Asn1 => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, binary(bytes));
export const utf8 = (text: string): Asn1 => asn1.create(Class.UNIVERSAL, Type.UTF8, false, forge.util.encodeUtf8(text));
export const printable = (text: string): Asn1 => asn1.create(Class.UNIVERSAL, Type.PRINTABLESTRING, false, text);
export const ia5 = (text: string): Asn1 => asn1.create(Class.UNIVERSAL, Type.IA5STRING, false, text);
/** ENUMERATED of a small value (a CRL entry's reason code). */
export const enumerated = (value: number): Asn1 => asn1.create(Class.UNIVERSAL, Type.ENUMERATED, false, String.fromCharCode(value));

/** BIT STRING with no unused bits (keys, signatures). */
export const bits = (bytes: Buffer): Asn1 => asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, '\x00' + binary(bytes));

/** A non-negative INTEGER from its big-endian magnitude, with the sign byte DER needs. */
export function integer(value: Buffer | number): Asn1 {
  let bytes = typeof value === 'number' ? uintBytes(value) : value;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1] < 0x80) start++;
  bytes = bytes.subarray(start);
  if (bytes[0] >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, binary(bytes));
}

function uintBytes(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a non-negative integer: ${value}`);
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** `[n] EXPLICIT`: a context-specific constructed wrapper around one value. */
export const explicit = (tag: number, value: Asn1): Asn1 => asn1.create(Class.CONTEXT_SPECIFIC, tag, true, [value]);

/** `[n] IMPLICIT` of a primitive value (e.g. a URI in GeneralName). */
export const implicitPrimitive = (tag: number, bytes: Buffer): Asn1 => asn1.create(Class.CONTEXT_SPECIFIC, tag, false, binary(bytes));

/** `[n] IMPLICIT` of a constructed value (e.g. SET OF in CMS). */
export const implicitConstructed = (tag: number, items: Asn1[]): Asn1 => asn1.create(Class.CONTEXT_SPECIFIC, tag, true, items);

/**
 * X.509 Time: UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5), whole seconds.
 */
export function time(date: Date): Asn1 {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return whole.getUTCFullYear() < 2050
    ? asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(whole))
    : asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(whole));
}

// node-forge reads options its typings do not declare; BIT STRINGs must stay opaque (keys, signatures).
const fromDer = asn1.fromDer as unknown as (bytes: forge.util.ByteBuffer, options: { strict: boolean; decodeBitStrings: boolean }) => Asn1;

/** An already-encoded DER value, re-read as a node so that it can be nested. */
export const raw = (der: Buffer): Asn1 => fromDer(forge.util.createBuffer(binary(der)), { strict: true, decodeBitStrings: false });

/** DER bytes of a node. */
export const der = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'latin1');

/** The children of a constructed node. */
export function children(node: Asn1): Asn1[] {
  if (!Array.isArray(node.value)) throw new Error('ASN.1: expected a constructed value');
  return node.value;
}

/** The content bytes of a primitive node. */
export function content(node: Asn1): Buffer {
  if (typeof node.value !== 'string') throw new Error('ASN.1: expected a primitive value');
  return Buffer.from(node.value, 'latin1');
}
