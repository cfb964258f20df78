import { ALL_DOCUMENT_TYPES, DOCUMENT_TYPES, DocumentType, Urgency } from '@vanthu/shared/contracts';
import { foldVietnamese } from '@vanthu/shared/domain';

/**
 * The numeric DocumentType/Type of edXML. Implementations disagree (samples use 1 for Công văn;
 * one claims 18), so TypeName stays authoritative on import and this one table is what we write:
 * Công văn 1, then the other types in the order of Decree 30/2020 Article 7.
 */
export const EDXML_TYPE_CODES: Readonly<Record<DocumentType, string>> = Object.fromEntries([
  [DocumentType.OfficialLetter, '1'],
  ...ALL_DOCUMENT_TYPES.filter((t) => t !== DocumentType.OfficialLetter).map((t, i) => [t, String(i + 2)]),
]) as Record<DocumentType, string>;

const BY_FOLDED_NAME = new Map(ALL_DOCUMENT_TYPES.map((t) => [foldVietnamese(DOCUMENT_TYPES[t].name.vi), t]));

/** The document type a TypeName names ("Công văn", "QUYẾT ĐỊNH"); Công văn when no type has that name. */
export function documentTypeOf(typeName: string): DocumentType {
  return BY_FOLDED_NAME.get(foldVietnamese(typeName.trim())) ?? DocumentType.OfficialLetter;
}

const PRIORITIES: readonly Urgency[] = [Urgency.Normal, Urgency.Urgent, Urgency.VeryUrgent, Urgency.Flash];

/** OtherInfo/Priority: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc. */
export function urgencyOf(priority: number): Urgency {
  return PRIORITIES[priority] ?? Urgency.Normal;
}

export function priorityOf(urgency: Urgency): number {
  return Math.max(0, PRIORITIES.indexOf(urgency));
}

/** A mã định danh: dot-separated groups of letters and digits, at most 13 characters (`000.00.00.H41`). */
export { isIdentifierCode } from '@vanthu/shared/domain';
