import { BilingualText, PdfSigningError, SignedUploadRefusedError, UploadRefusal } from './errors';
import { PdfDict, PdfRef, PdfStream, PdfValue, sameValue } from './pdf/objects';
import { PdfReader, XrefSection } from './pdf/reader';
import { signatureFields } from './pdf/signature-fields';

/** The signature an accepted upload added. */
export interface AppendedSignature {
  fieldName: string;
  subFilter: string;
  byteRange: [number, number, number, number];
  /** Where the appended update starts: the prepared file's length. */
  updateOffset: number;
  /** Whether the same update also brought a DSS (validation data). */
  addsValidationData: boolean;
  /** New objects nothing refers to (inert leftovers some tools write), for the audit log. */
  unreferencedObjects: number;
}

const refuse = (reason: UploadRefusal, vi: string, en: string): SignedUploadRefusedError => new SignedUploadRefusedError(reason, { vi, en });

// A signature's appearance is a box on the page, not the page: a widget larger than this share of
// its page could paint over the content the signer was shown.
const MAX_WIDGET_SHARE = 0.25;

// Keys a signing tool may change in the AcroForm (fields, flags, default resources for the appearance).
const ACROFORM_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances']);
// Keys a tool may set on an empty signature field it fills (not its place).
const FILLED_FIELD_KEYS = new Set(['V', 'AP', 'MK', 'F', 'P', 'AS']);

function refNum(value: PdfValue | undefined): number {
  return value instanceof PdfRef ? value.num : -1;
}

function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((key) => !sameValue(a.get(key), b.get(key)));
}

/** Whether `after` is `before` with exactly `added` appended (same items, same order). */
function appendsExactly(reader: PdfReader, before: PdfValue | undefined, after: PdfValue | undefined, added: number[], beforeView: XrefSection[]): boolean {
  const oldItems = reader.resolve(before, beforeView);
  const newItems = reader.resolve(after);
  const old = Array.isArray(oldItems) ? oldItems : [];
  if (!Array.isArray(newItems) || newItems.length !== old.length + added.length) return false;
  if (!old.every((item, i) => sameValue(item, newItems[i]))) return false;
  const tail = newItems.slice(old.length).map(refNum);
  return tail.every((num, i) => num === added[i]);
}

/** Every object number reachable from a value through references, within `candidates`. */
function reach(reader: PdfReader, roots: PdfValue[], candidates: Set<number>, into: Set<number>): void {
  const stack = [...roots];
  let steps = 0;
  while (stack.length && steps++ < 100_000) {
    const value = stack.pop();
    if (value instanceof PdfRef) {
      if (!candidates.has(value.num) || into.has(value.num)) continue;
      into.add(value.num);
      stack.push(reader.getObject(value.num));
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value instanceof PdfDict) {
      stack.push(...value.map.values());
    } else if (value instanceof PdfStream) {
      stack.push(...value.dict.map.values());
    }
  }
}

/**
 * The objects the document reaches from its trailer, not descending into `known` (the
 * signature's own graph). A new object found this way is reached by something old: an old
 * reference to a number that was free until now, a way to add content without changing the
 * object that refers to it.
 */
function reachedOutside(reader: PdfReader, known: Set<number>): Set<number> {
  const seen = new Set<number>();
  const stack: PdfValue[] = [reader.trailer.get('Root') ?? null, reader.trailer.get('Info') ?? null];
  let steps = 0;
  while (stack.length && steps++ < 5_000_000) {
    const value = stack.pop();
    if (value instanceof PdfRef) {
      if (seen.has(value.num) || known.has(value.num)) continue;
      seen.add(value.num);
      try {
        stack.push(reader.getObject(value.num));
      } catch {
        // A damaged old object holds nothing the update could have added.
      }
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value instanceof PdfDict) {
      stack.push(...value.map.values());
    } else if (value instanceof PdfStream) {
      stack.push(...value.dict.map.values());
    }
  }
  return seen;
}

function openOrRefuse(pdf: Buffer, what: BilingualText): PdfReader {
  try {
    return PdfReader.open(pdf);
  } catch (error) {
    if (error instanceof PdfSigningError && error.code === 'ENCRYPTED_PDF') throw refuse('object-changed', 'tệp đã bị mã hóa.', 'the file has been encrypted.');
    throw refuse('damaged', `${what.vi} bị hỏng hoặc không đầy đủ.`, `${what.en} is damaged or incomplete.`);
  }
}

/**
 * The upload-back rule: `uploaded` must be exactly the `prepared` bytes followed by ONE
 * incremental update that adds exactly one signature — its signature dictionary, its field and
 * widget with their appearance (and fonts), the AcroForm and /Fields entries and the page's
 * /Annots entry it needs, optionally a DSS — and changes nothing else: no other object
 * modified or deleted, no page content or other annotation added, a widget no larger than a
 * quarter of its page, and a signature that covers the whole file. Otherwise throws
 * {@link SignedUploadRefusedError} with `reason` and a bilingual explanation. The signature's
 * validity and its signer are for the verifier to judge.
 */
export function assertOneSignatureAppended(prepared: Buffer, uploaded: Buffer): AppendedSignature {
  const base = openOrRefuse(prepared, { vi: 'Tệp đã chuẩn bị', en: 'The prepared file' });
  if (uploaded.length <= prepared.length) {
    if (prepared.subarray(0, uploaded.length).equals(uploaded)) {
      throw uploaded.length === prepared.length
        ? refuse('no-update', 'tệp chưa được ký (giống hệt tệp đã chuẩn bị).', 'the file has not been signed (it is the prepared file).')
        : refuse('damaged', 'tệp bị cắt cụt.', 'the file is truncated.');
    }
    throw refuse('prefix-differs', 'tệp không bắt đầu bằng đúng nội dung tệp đã chuẩn bị.', 'the file does not start with the prepared file’s bytes.');
  }
  if (!uploaded.subarray(0, prepared.length).equals(prepared)) {
    let at = 0;
    while (at < prepared.length && uploaded[at] === prepared[at]) at++;
    throw refuse('prefix-differs', `nội dung tệp đã chuẩn bị bị thay đổi (từ byte ${at}).`, `the prepared file’s bytes were changed (from byte ${at}).`);
  }
  const reader = openOrRefuse(uploaded, { vi: 'Tệp đã ký', en: 'The signed file' });
  const appended = uploaded.subarray(prepared.length);
  const newSections = reader.sections.filter((s) => s.offset >= prepared.length);
  const oldSections = reader.sections.filter((s) => s.offset < prepared.length);
  const startxrefs = appended.toString('latin1').match(/(^|[\r\n])startxref\b/g)?.length ?? 0;
  if (!newSections.length) throw refuse('no-update', 'không có phần cập nhật nào được thêm vào sau tệp đã chuẩn bị.', 'no incremental update was appended to the prepared file.');
  if (newSections.length > 1 || startxrefs > 1) {
    throw refuse('several-updates', `có ${Math.max(newSections.length, startxrefs)} lần cập nhật được thêm vào; chỉ được phép một lần (chữ ký).`, `${Math.max(newSections.length, startxrefs)} incremental updates were appended; only one (the signature) is allowed.`);
  }
  if (oldSections.length !== base.sections.length || oldSections.some((s, i) => s.offset !== base.sections[i].offset)) {
    throw refuse('several-updates', 'phần cập nhật không nối tiếp tệp đã chuẩn bị.', 'the update does not continue the prepared file’s cross-reference chain.');
  }
  const tail = uploaded.subarray(uploaded.lastIndexOf('%%EOF', uploaded.length, 'latin1') + 5);
  if (/[^\s\0]/.test(tail.toString('latin1'))) throw refuse('unexpected-object', 'có dữ liệu lạ sau phần cập nhật.', 'there are bytes after the update’s end.');

  const update = newSections[0];
  const rootRef = base.trailer.get('Root');
  if (refNum(update.trailer.get('Root')) !== refNum(rootRef)) throw refuse('object-changed', 'danh mục tài liệu (/Root) đã bị thay thế.', 'the document catalog (/Root) was replaced.');

  // What the update lists: deleted, changed and new objects.
  const listed = new Set<number>([...update.numbers(), ...(update.hybridStream?.numbers() ?? [])]);
  listed.delete(0);
  const modified = new Map<number, { before: PdfValue; after: PdfValue }>();
  const added = new Set<number>();
  for (const num of listed) {
    const before = reader.lookup(num, oldSections);
    const existed = !!before && before.type !== 0;
    const now = reader.lookup(num);
    if (!now || now.type === 0) {
      if (existed) throw refuse('object-deleted', `đối tượng ${num} của tài liệu đã bị xóa.`, `object ${num} of the document was deleted.`);
      continue;
    }
    const after = reader.getObject(num);
    if (!existed) {
      // Containers of the update itself (object streams, the cross-reference stream) hold nothing of the document.
      if (!(after instanceof PdfStream && (after.dict.name('Type') === 'ObjStm' || after.dict.name('Type') === 'XRef'))) added.add(num);
      continue;
    }
    const old = reader.getObject(num, oldSections);
    if (!sameValue(old, after)) modified.set(num, { before: old, after });
  }

  // The one new signature.
  const oldFields = signatureFields(base);
  const fields = signatureFields(reader);
  const oldSignatures = new Set(oldFields.map((f) => refNum(f.signatureRef)));
  const fresh = fields.filter((f) => !(f.signatureRef && oldSignatures.has(f.signatureRef.num)));
  if (!fresh.length) throw refuse('no-new-signature', 'phần cập nhật không thêm chữ ký số nào.', 'the update adds no signature.');
  if (fresh.length > 1) throw refuse('several-signatures', `phần cập nhật thêm ${fresh.length} chữ ký; chỉ được phép một.`, `the update adds ${fresh.length} signatures; only one is allowed.`);
  if (oldFields.length + 1 !== fields.length) throw refuse('object-changed', 'chữ ký đã có trong tài liệu bị thay đổi.', 'a signature already in the document was changed.');
  const signature = fresh[0];
  const sigNum = refNum(signature.signatureRef);
  if (!added.has(sigNum)) throw refuse('object-changed', 'chữ ký mới dùng lại một đối tượng đã có.', 'the new signature reuses an existing object.');
  // The field and its widgets: the field itself when merged, else its kids.
  const catalogBefore = base.catalog();
  const catalogAfter = reader.catalog();
  const acroFormBefore = catalogBefore.get('AcroForm');
  const acroFormAfter = catalogAfter.get('AcroForm');
  // The field whose value is the new signature, and the top-level /Fields entry it hangs from.
  let fieldRef: PdfValue | undefined;
  let topRef: PdfValue | undefined;
  const search = (value: PdfValue, top: PdfValue, depth: number): void => {
    const dict = reader.resolveDict(value);
    if (!dict || depth > 32 || fieldRef) return;
    if (refNum(dict.get('V')) === sigNum) {
      fieldRef = value;
      topRef = top;
      return;
    }
    const children = reader.resolve(dict.get('Kids'));
    if (Array.isArray(children)) for (const kid of children) search(kid, top, depth + 1);
  };
  const fieldsAfter = reader.resolve(reader.resolveDict(acroFormAfter)?.get('Fields'));
  for (const item of Array.isArray(fieldsAfter) ? fieldsAfter : []) search(item, item, 0);
  const fieldDict = reader.resolveDict(fieldRef);
  const kids = reader.resolve(fieldDict?.get('Kids'));
  const widgetRefs: number[] = Array.isArray(kids) && fieldDict?.name('Subtype') !== 'Widget' ? kids.map(refNum) : [refNum(fieldRef)];
  const fieldIsNew = added.has(refNum(topRef));

  // Pages: only /Annots may change, and only by the new widgets.
  const pages = reader.pages();
  const pageNums = new Set(pages.map((p) => p.ref.num));
  const annotsOwner = new Map<number, number>();
  for (const page of base.pages()) {
    const annots = page.dict.get('Annots');
    if (annots instanceof PdfRef) annotsOwner.set(annots.num, page.ref.num);
  }
  const roots: PdfValue[] = [signature.signatureRef as PdfRef, ...widgetRefs.map((n) => new PdfRef(n, 0))];
  if (topRef instanceof PdfRef) roots.push(topRef);
  const checkAnnots = (before: PdfValue | undefined, after: PdfValue | undefined, pageNum: number) => {
    const oldList = reader.resolve(before, oldSections);
    const newList = reader.resolve(after);
    const old = Array.isArray(oldList) ? oldList : [];
    const now = Array.isArray(newList) ? newList : [];
    if (!old.every((item, i) => sameValue(item, now[i]))) throw refuse('page-changed', `danh sách chú thích của trang đã bị thay đổi.`, 'a page’s annotations were changed.');
    for (const item of now.slice(old.length)) {
      const num = refNum(item);
      if (!widgetRefs.includes(num)) throw refuse('extra-annotation', 'phần cập nhật thêm chú thích khác ngoài ô chữ ký.', 'the update adds an annotation other than the signature’s widget.');
      const page = pages.find((p) => p.ref.num === pageNum);
      const rect = reader.resolve(reader.resolveDict(item)?.get('Rect'));
      if (page && Array.isArray(rect) && rect.length === 4) {
        const n = rect.map((v) => reader.resolve(v)).map((v) => (typeof v === 'number' ? v : 0));
        const area = Math.abs(n[2] - n[0]) * Math.abs(n[3] - n[1]);
        const pageArea = (page.box[2] - page.box[0]) * (page.box[3] - page.box[1]);
        if (area > MAX_WIDGET_SHARE * pageArea) throw refuse('widget-too-large', 'ô chữ ký chiếm quá một phần tư trang, có thể che nội dung tài liệu.', 'the signature’s box covers more than a quarter of the page and could hide its content.');
      }
    }
    if (after instanceof PdfRef && added.has(after.num)) roots.push(after);
  };

  for (const [num, { before, after }] of modified) {
    if (num === refNum(rootRef)) {
      if (!(before instanceof PdfDict && after instanceof PdfDict)) throw refuse('object-changed', 'danh mục tài liệu bị thay đổi.', 'the document catalog was changed.');
      for (const key of changedKeys(before, after)) {
        if (key === 'DSS') roots.push(after.get('DSS') ?? null);
        else if (key !== 'AcroForm') throw refuse('object-changed', `danh mục tài liệu bị thay đổi (/${key}).`, `the document catalog was changed (/${key}).`);
      }
      continue;
    }
    if (pageNums.has(num) && before instanceof PdfDict && after instanceof PdfDict && before.name('Type') === 'Page') {
      const keys = changedKeys(before, after);
      if (keys.some((key) => key !== 'Annots')) throw refuse('page-changed', `trang của tài liệu bị thay đổi (/${keys.find((k) => k !== 'Annots')}).`, `a page of the document was changed (/${keys.find((k) => k !== 'Annots')}).`);
      checkAnnots(before.get('Annots'), after.get('Annots'), num);
      continue;
    }
    if (annotsOwner.has(num)) {
      checkAnnots(new PdfRef(num, 0), new PdfRef(num, 0), annotsOwner.get(num) ?? -1);
      continue;
    }
    if (num === refNum(acroFormBefore)) continue; // checked below with the catalog's AcroForm
    const oldAcroForm = base.resolveDict(acroFormBefore);
    if (num === refNum(oldAcroForm?.get('Fields'))) {
      if (!appendsExactly(reader, new PdfRef(num, 0), new PdfRef(num, 0), fieldIsNew ? [refNum(topRef)] : [], oldSections)) throw refuse('object-changed', 'danh sách trường của biểu mẫu bị thay đổi.', 'the form’s field list was changed.');
      continue;
    }
    // An empty signature field of the prepared file, filled by the signer.
    if (num === refNum(fieldRef) && before instanceof PdfDict && after instanceof PdfDict && before.name('FT') === 'Sig' && !before.has('V')) {
      if (changedKeys(before, after).some((key) => !FILLED_FIELD_KEYS.has(key))) throw refuse('object-changed', 'trường chữ ký có sẵn bị thay đổi ngoài việc điền chữ ký.', 'the existing signature field was changed beyond being filled.');
      continue;
    }
    throw refuse(
      pageNums.has(num) ? 'page-changed' : 'object-changed',
      `đối tượng ${num} của tài liệu đã bị thay đổi.`,
      `object ${num} of the document was changed.`,
    );
  }

  // The AcroForm: only fields, flags and default resources, the fields by the new one alone.
  const formBefore = base.resolveDict(acroFormBefore);
  const formAfter = reader.resolveDict(acroFormAfter);
  if (formAfter && formBefore && !sameValue(formBefore, formAfter)) {
    const keys = changedKeys(formBefore, formAfter);
    const bad = keys.find((key) => !ACROFORM_KEYS.has(key));
    if (bad) throw refuse('object-changed', `biểu mẫu (AcroForm) bị thay đổi (/${bad}).`, `the form (AcroForm) was changed (/${bad}).`);
    if (keys.includes('Fields') && !(formBefore.get('Fields') instanceof PdfRef && refNum(formBefore.get('Fields')) === refNum(formAfter.get('Fields')))) {
      if (!appendsExactly(reader, formBefore.get('Fields'), formAfter.get('Fields'), fieldIsNew ? [refNum(topRef)] : [], oldSections)) throw refuse('object-changed', 'danh sách trường của biểu mẫu bị thay đổi.', 'the form’s field list was changed.');
    }
  }
  if (formAfter) roots.push(acroFormAfter ?? null);
  if (!formBefore && formAfter) {
    const list = reader.resolve(formAfter.get('Fields'));
    if (!Array.isArray(list) || list.length !== 1 || refNum(list[0]) !== refNum(topRef)) throw refuse('object-changed', 'biểu mẫu mới có trường khác ngoài trường chữ ký.', 'the new form holds fields other than the signature’s.');
  }
  // New objects that nothing refers to change nothing a reader sees (poppler leaves a replaced
  // appearance stream behind): they are counted, not refused. Everything else new hangs from the
  // signature, its form entries, the page's /Annots or the DSS, all checked above.
  const reachable = new Set<number>();
  reach(reader, roots, added, reachable);
  const outside = reachedOutside(reader, reachable);
  const intruder = [...added].find((num) => !reachable.has(num) && outside.has(num));
  if (intruder !== undefined) throw refuse('unexpected-object', `phần cập nhật thêm đối tượng ${intruder} mà nội dung cũ của tài liệu trỏ tới.`, `the update adds object ${intruder}, which the document’s existing content refers to.`);
  const unreferenced = [...added].filter((num) => !reachable.has(num));

  // Last, once nothing else is wrong: the signature must cover the whole file.
  const range = reader.resolve(signature.signature.get('ByteRange'));
  const byteRange = (Array.isArray(range) ? range.map((n) => reader.resolve(n)) : []) as number[];
  if (byteRange.length !== 4 || !byteRange.every((n) => typeof n === 'number') || byteRange[0] !== 0 || byteRange[2] + byteRange[3] !== uploaded.length) {
    throw refuse('signature-does-not-cover-file', 'chữ ký mới không bao trùm toàn bộ tệp.', 'the new signature does not cover the whole file.');
  }

  return {
    fieldName: signature.fieldName,
    subFilter: signature.signature.name('SubFilter') ?? '',
    byteRange: byteRange as [number, number, number, number],
    updateOffset: prepared.length,
    addsValidationData: !sameValue(catalogBefore.get('DSS'), catalogAfter.get('DSS')),
    unreferencedObjects: unreferenced.length,
  };
}
