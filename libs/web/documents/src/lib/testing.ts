import {
  DocumentDetail,
  DocumentDirection,
  DocumentStatus,
  DocumentType,
  ErrorBody,
  ErrorCode,
  SecurityLevel,
  Urgency,
} from '@vanthu/shared/contracts';

/** An incoming copy as GET /api/documents/:id sends it, for component tests. */
export function incomingDetail(change: Partial<DocumentDetail> = {}): DocumentDetail {
  return {
    id: 42,
    direction: DocumentDirection.Incoming,
    type: DocumentType.Plan,
    status: DocumentStatus.Received,
    number: 27,
    symbol: '27/KH-UBND',
    subject: 'Triển khai chuyển đổi số năm 2027',
    urgency: Urgency.Urgent,
    securityLevel: SecurityLevel.Normal,
    sender: 'UBND huyện Tuy Đức',
    arrivalNumber: null,
    issuedAt: '2026-03-05T02:00:00.000Z',
    receivedAt: '2026-03-05T03:00:00.000Z',
    deadline: null,
    overdue: false,
    listedAt: '2026-03-05T03:00:00.000Z',
    updatedAt: '2026-03-05T03:00:00.000Z',
    organisation: { id: 9, name: 'UBND xã Quảng Tân', abbreviation: 'UBND' },
    draftingUnit: null,
    createdBy: null,
    signer: null,
    signingLine: null,
    originalSymbol: null,
    originalDate: null,
    replyBy: null,
    recipients: [],
    files: [],
    verification: null,
    reviewSteps: [],
    assignment: null,
    deliveries: [],
    externalDeliveries: [],
    history: [],
    recallRequest: null,
    recall: null,
    allowedActions: [],
    ...change,
  };
}

export const NOT_FOUND: ErrorBody = {
  statusCode: 404,
  code: ErrorCode.NotFound,
  message: { vi: 'Không tìm thấy văn bản.', en: 'Document not found.' },
};
