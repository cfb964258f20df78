import { createHash } from 'node:crypto';

import { decodeStream } from './filters';
import { name, PdfDict, PdfRef, PdfStream, PdfValue } from './objects';
import { PdfReader } from './reader';
import { IncrementalUpdate } from './writer';

/** The validation data of a Document Security Store (PAdES, ETSI EN 319 142-1 §5.4.2), each item DER. */
export interface ValidationData {
  certificates: Buffer[];
  crls: Buffer[];
  ocspResponses: Buffer[];
}

const KEYS = { certificates: ['Certs', 'Cert'], crls: ['CRLs', 'CRL'], ocspResponses: ['OCSPs', 'OCSP'] } as const;

function streamsOf(reader: PdfReader, value: PdfValue | undefined): Buffer[] {
  const array = reader.resolve(value);
  if (!Array.isArray(array)) return [];
  const out: Buffer[] = [];
  for (const item of array) {
    const stream = reader.resolve(item);
    if (!(stream instanceof PdfStream)) continue;
    try {
      out.push(decodeStream(stream, (v) => reader.resolve(v)));
    } catch {
      // A stream we cannot decode holds nothing we can use.
    }
  }
  return out;
}

/**
 * The validation data a PDF carries in its DSS: the /Certs, /CRLs and /OCSPs arrays, and those
 * of each /VRI entry. Empty when there is no DSS.
 */
export function readDss(reader: PdfReader): ValidationData {
  const data: ValidationData = { certificates: [], crls: [], ocspResponses: [] };
  const dss = reader.resolveDict(reader.catalog().get('DSS'));
  if (!dss) return data;
  const add = (target: Buffer[], items: Buffer[]) => {
    for (const item of items) if (!target.some((t) => t.equals(item))) target.push(item);
  };
  for (const kind of ['certificates', 'crls', 'ocspResponses'] as const) add(data[kind], streamsOf(reader, dss.get(KEYS[kind][0])));
  const vri = reader.resolveDict(dss.get('VRI'));
  for (const key of vri?.map.keys() ?? []) {
    const entry = reader.resolveDict(vri?.get(key));
    for (const kind of ['certificates', 'crls', 'ocspResponses'] as const) add(data[kind], streamsOf(reader, entry?.get(KEYS[kind][1])));
  }
  return data;
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Adds validation data to the document's DSS in an incremental update: items already there are
 * kept (and not repeated), new ones become streams, the DSS dictionary is rewritten (or created
 * and linked from the catalog). Returns the update's bytes to append, or null when the DSS
 * already holds everything.
 */
export function appendToDss(reader: PdfReader, data: ValidationData): Buffer | null {
  const catalogRef = reader.trailer.get('Root');
  if (!(catalogRef instanceof PdfRef)) throw new Error('The document catalog is not an indirect object');
  const catalog = reader.catalog();
  const current = catalog.get('DSS');
  const existing = reader.resolveDict(current);
  const update = new IncrementalUpdate(reader);
  const dss = existing ? existing.clone() : new PdfDict();
  let added = 0;
  for (const kind of ['certificates', 'crls', 'ocspResponses'] as const) {
    const key = KEYS[kind][0];
    const array = reader.resolve(dss.get(key));
    const refs: PdfValue[] = Array.isArray(array) ? [...array] : [];
    const known = new Set(streamsOf(reader, dss.get(key)).map(digest));
    for (const item of data[kind]) {
      const hash = digest(item);
      if (known.has(hash)) continue;
      known.add(hash);
      const ref = update.allocate();
      update.setStream(ref, new PdfDict(), item);
      refs.push(ref);
      added++;
    }
    if (refs.length) dss.set(key, refs);
  }
  if (!added) return null;
  dss.set('Type', name('DSS'));
  if (current instanceof PdfRef) {
    update.setValue(current, dss);
  } else {
    const dssRef = update.allocate();
    update.setValue(dssRef, dss);
    update.setValue(catalogRef, catalog.clone().set('DSS', dssRef));
  }
  return update.build().bytes;
}
