import { DocumentDirection, DocumentStatus, Permission, WorkQueue } from '@vanthu/shared/contracts';
import { MessageKey } from '@vanthu/web/core';

/** The work queues offered as tabs above each list, with who sees them. */
export const QUEUES: Readonly<Record<DocumentDirection, readonly { queue: WorkQueue; anyOf: Permission[] }[]>> = {
  [DocumentDirection.Incoming]: [
    { queue: 'to-register', anyOf: [Permission.RegisterIncoming] },
    { queue: 'awaiting-my-assignment', anyOf: [Permission.AssignIncoming] },
    { queue: 'my-assignments', anyOf: [Permission.HandleIncoming] },
  ],
  [DocumentDirection.Outgoing]: [
    { queue: 'awaiting-my-review', anyOf: [Permission.ReviewDocuments] },
    { queue: 'awaiting-my-signature', anyOf: [Permission.SignDocuments] },
    { queue: 'to-issue', anyOf: [Permission.IssueDocuments] },
    { queue: 'to-dispatch', anyOf: [Permission.DispatchDocuments] },
    { queue: 'my-returned-drafts', anyOf: [Permission.DraftDocuments] },
  ],
};

/** The statuses each direction's documents pass through, in order. */
export const STATUSES: Readonly<Record<DocumentDirection, readonly DocumentStatus[]>> = {
  [DocumentDirection.Incoming]: [
    DocumentStatus.Received,
    DocumentStatus.Registered,
    DocumentStatus.Submitted,
    DocumentStatus.InProgress,
    DocumentStatus.Completed,
    DocumentStatus.ReturnedToSender,
    DocumentStatus.Withdrawn,
  ],
  [DocumentDirection.Outgoing]: [
    DocumentStatus.Draft,
    DocumentStatus.InReview,
    DocumentStatus.Returned,
    DocumentStatus.AwaitingSignature,
    DocumentStatus.Signed,
    DocumentStatus.Issued,
    DocumentStatus.Dispatched,
  ],
};

export function statusKey(status: DocumentStatus): MessageKey {
  return `status.${status}` as MessageKey;
}

export function queueKey(queue: WorkQueue): MessageKey {
  return `list.queue.${queue}` as MessageKey;
}
