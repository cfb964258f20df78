import { PdfDict, PdfRef, PdfString, PdfValue } from './objects';
import { PdfReader, XrefSection } from './reader';

/** A signed signature field: its full name and its signature dictionary. */
export interface SignatureField {
  fieldName: string;
  signature: PdfDict;
  signatureRef: PdfRef | null;
}

/**
 * The filled signature fields of the AcroForm (PDF 32000 §12.7.5.5), walking /Kids with their
 * inherited /FT. Only the form is read, not the pages.
 */
export function signatureFields(reader: PdfReader, view: XrefSection[] = reader.sections): SignatureField[] {
  const found: SignatureField[] = [];
  const seen = new Set<number>();
  const walk = (value: PdfValue | undefined, prefix: string, inheritedType: string | undefined, depth: number) => {
    if (depth > 32) return;
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) return;
      seen.add(value.num);
    }
    const field = reader.resolveDict(value, view);
    if (!field) return;
    const partial = reader.resolve(field.get('T'), view);
    const name = partial instanceof PdfString ? (prefix ? `${prefix}.${partial.decodeText()}` : partial.decodeText()) : prefix;
    const type = field.name('FT') ?? inheritedType;
    const v = field.get('V');
    const signature = type === 'Sig' ? reader.resolveDict(v, view) : undefined;
    if (signature) found.push({ fieldName: name, signature, signatureRef: v instanceof PdfRef ? v : null });
    const kids = reader.resolve(field.get('Kids'), view);
    if (Array.isArray(kids)) for (const kid of kids) walk(kid, name, type, depth + 1);
  };
  const acroForm = reader.resolveDict(reader.catalog(view).get('AcroForm'), view);
  const fields = reader.resolve(acroForm?.get('Fields'), view);
  if (Array.isArray(fields)) for (const field of fields) walk(field, '', undefined, 0);
  return found;
}
