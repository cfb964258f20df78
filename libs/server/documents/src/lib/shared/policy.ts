import { AuthenticatedUser, Forbidden } from '@vanthu/server/core';
import { AssigneeEntity, DocumentEntity, ReviewStepEntity } from '@vanthu/server/data-access';
import { DocumentDirection, DocumentStatus, Permission } from '@vanthu/shared/contracts';
import { isClassified } from '@vanthu/shared/domain';

/** Everything a user can do to a document; the web shows exactly the actions listed in `allowedActions`. */
export enum DocumentAction {
  Edit = 'edit',
  SubmitForReview = 'submit-for-review',
  Review = 'review',
  Sign = 'sign',
  Issue = 'issue',
  Dispatch = 'dispatch',
  Register = 'register',
  UploadIncomingFile = 'upload',
  SubmitToLeader = 'submit-to-leader',
  Assign = 'assign',
  ReportProgress = 'progress',
  Complete = 'complete',
  ReturnToSender = 'return',
  /** Thu hồi / cập nhật / thay thế a dispatched document: the clerk asks, the signing leader does it at once. */
  Recall = 'recall',
  /** The signing leader approves or rejects the clerk's recall request. */
  DecideRecall = 'decide-recall',
  /** The recipient's clerk acknowledges the sender's recall, update or replacement of the copy. */
  AcknowledgeRecall = 'acknowledge-recall',
}

/** What the rules need to know about a document besides its row. */
export interface DocumentFacts {
  document: DocumentEntity;
  /** The pending review step of the current round, if any. */
  pendingStep: ReviewStepEntity | null;
  assignees: AssigneeEntity[];
  hasMainFile: boolean;
  /** Outgoing: a recall request waits for the signing leader. */
  recallPending?: boolean;
  /** Incoming copy: the sender recalled, updated or replaced it and no clerk has acknowledged it yet. */
  recallUnacknowledged?: boolean;
}

function can(user: AuthenticatedUser, permission: Permission): boolean {
  return user.permissions.includes(permission);
}

/** Whether the user takes part in an assignee row: named, or a member of the assigned unit. */
export function isAssignee(user: AuthenticatedUser, assignee: AssigneeEntity): boolean {
  return assignee.userId === user.id || (assignee.userId === null && assignee.organisationId === user.organisationId);
}

const OUTGOING_EDITABLE = [DocumentStatus.Draft, DocumentStatus.Returned];
const RETURNABLE = [DocumentStatus.Received, DocumentStatus.Registered, DocumentStatus.Submitted];

/**
 * Whether `user` may take `action` on the document now. Decree 30/2020 roles: only leaders sign
 * and assign, only clerks number, register and dispatch, drafters edit their own drafts, and
 * handlers are the units or people a leader assigned.
 */
export function isAllowed(user: AuthenticatedUser, action: DocumentAction, facts: DocumentFacts): boolean {
  const d = facts.document;
  const ownOrganisation = d.organisationId === user.organisationId;
  const outgoing = d.direction === DocumentDirection.Outgoing;
  const classified = isClassified(d.securityLevel);
  const handling = facts.assignees.filter((a) => a.role !== 'inform' && a.status !== 'completed' && isAssignee(user, a));
  switch (action) {
    case DocumentAction.Edit:
      return outgoing && OUTGOING_EDITABLE.includes(d.status) && d.createdBy === user.id && can(user, Permission.DraftDocuments);
    case DocumentAction.SubmitForReview:
      return (
        outgoing &&
        OUTGOING_EDITABLE.includes(d.status) &&
        d.createdBy === user.id &&
        can(user, Permission.DraftDocuments) &&
        (facts.hasMainFile || classified)
      );
    case DocumentAction.Review:
      return outgoing && d.status === DocumentStatus.InReview && facts.pendingStep?.reviewerId === user.id && can(user, Permission.ReviewDocuments);
    case DocumentAction.Sign:
      return outgoing && d.status === DocumentStatus.AwaitingSignature && !classified && d.signerId === user.id && can(user, Permission.SignDocuments);
    case DocumentAction.Issue:
      // A classified document is signed on paper: the clerk numbers it once it is approved.
      return (
        outgoing &&
        ownOrganisation &&
        can(user, Permission.IssueDocuments) &&
        (d.status === DocumentStatus.Signed || (classified && d.status === DocumentStatus.AwaitingSignature))
      );
    case DocumentAction.Dispatch:
      return outgoing && ownOrganisation && d.status === DocumentStatus.Issued && !classified && can(user, Permission.DispatchDocuments);
    case DocumentAction.Register:
      return !outgoing && ownOrganisation && d.status === DocumentStatus.Received && can(user, Permission.RegisterIncoming);
    case DocumentAction.UploadIncomingFile:
      return (
        !outgoing &&
        ownOrganisation &&
        d.status === DocumentStatus.Registered &&
        d.sourceDocumentId === null &&
        !facts.hasMainFile &&
        !classified &&
        can(user, Permission.RegisterIncoming)
      );
    case DocumentAction.SubmitToLeader:
      return !outgoing && ownOrganisation && d.status === DocumentStatus.Registered && can(user, Permission.RegisterIncoming);
    case DocumentAction.Assign:
      return (
        !outgoing &&
        ownOrganisation &&
        can(user, Permission.AssignIncoming) &&
        (d.status === DocumentStatus.Submitted || d.status === DocumentStatus.InProgress)
      );
    case DocumentAction.ReportProgress:
      return !outgoing && d.status === DocumentStatus.InProgress && can(user, Permission.HandleIncoming) && handling.length > 0;
    case DocumentAction.Complete:
      return (
        !outgoing &&
        d.status === DocumentStatus.InProgress &&
        can(user, Permission.HandleIncoming) &&
        handling.some((a) => a.role === 'lead')
      );
    case DocumentAction.ReturnToSender:
      return (
        !outgoing &&
        ownOrganisation &&
        d.sourceDocumentId !== null &&
        RETURNABLE.includes(d.status) &&
        (can(user, Permission.RegisterIncoming) || can(user, Permission.AssignIncoming))
      );
    case DocumentAction.Recall:
      return outgoing && ownOrganisation && d.status === DocumentStatus.Dispatched && !facts.recallPending && (mayDecideRecall(user, d) || can(user, Permission.DispatchDocuments));
    case DocumentAction.DecideRecall:
      return outgoing && ownOrganisation && d.status === DocumentStatus.Dispatched && !!facts.recallPending && mayDecideRecall(user, d);
    case DocumentAction.AcknowledgeRecall:
      return !outgoing && ownOrganisation && !!facts.recallUnacknowledged && can(user, Permission.RegisterIncoming);
  }
}

/** The leader who signed the document decides on its recall (Decree 30: who signs a document takes it back). */
export function mayDecideRecall(user: AuthenticatedUser, d: { signerId: number | null; organisationId: number }): boolean {
  return d.signerId === user.id && d.organisationId === user.organisationId && can(user, Permission.SignDocuments);
}

/**
 * Whether the user may read the register books (sổ đăng ký văn bản đi / đến) of an organisation:
 * its own clerks, who keep them, and its leaders (the permission to see the organisation's
 * reports). Never another organisation's registers.
 */
export function mayReadRegisters(user: AuthenticatedUser, organisationId: number): boolean {
  return user.organisationId === organisationId && can(user, Permission.ViewReports);
}

/**
 * Whether the user may record the result (kết quả xử lý) of an incoming document, which the
 * sender then reads: the lead handler (chủ trì), while handling it or once it is completed.
 */
export function mayRecordResult(user: AuthenticatedUser, facts: DocumentFacts): boolean {
  const d = facts.document;
  return (
    d.direction === DocumentDirection.Incoming &&
    (d.status === DocumentStatus.InProgress || d.status === DocumentStatus.Completed) &&
    can(user, Permission.HandleIncoming) &&
    facts.assignees.some((a) => a.role === 'lead' && isAssignee(user, a))
  );
}

/** The actions open to the user, for the detail view. */
export function allowedActions(user: AuthenticatedUser, facts: DocumentFacts): DocumentAction[] {
  return Object.values(DocumentAction).filter((action) => isAllowed(user, action, facts));
}

/**
 * Refuses with 403 when the action is not the user's to take. Callers check the document's state
 * first (409 with its reason) so that a wrong state is not reported as a missing right.
 */
export function assertAllowed(user: AuthenticatedUser, action: DocumentAction, facts: DocumentFacts): void {
  if (!isAllowed(user, action, facts)) throw new Forbidden();
}
