import { AuthenticatedUser } from '@vanthu/server/core';
import { AssigneeEntity, DocumentEntity, ReviewStepEntity } from '@vanthu/server/data-access';
import { AssignmentRole, DocumentDirection, DocumentStatus, permissionsOf, Role, SecurityLevel } from '@vanthu/shared/contracts';

import { allowedActions, DocumentAction, DocumentFacts, mayReadRegisters, mayRecordResult } from './policy';

function user(id: number, organisationId: number, ...roles: Role[]): AuthenticatedUser {
  return { id, username: `u${id}`, organisationId, organisationPath: `/1/${organisationId}/`, roles, permissions: permissionsOf(roles), sessionId: 's' };
}

function facts(document: Partial<DocumentEntity>, more: Partial<DocumentFacts> = {}): DocumentFacts {
  return {
    document: {
      id: '7',
      organisationId: 1,
      direction: DocumentDirection.Outgoing,
      status: DocumentStatus.Draft,
      securityLevel: SecurityLevel.Normal,
      createdBy: 10,
      signerId: 20,
      sourceDocumentId: null,
      ...document,
    } as DocumentEntity,
    pendingStep: null,
    assignees: [],
    hasMainFile: true,
    ...more,
  };
}

const drafter = user(10, 2, Role.Specialist);
const chairman = user(20, 1, Role.Leader);
const clerk = user(30, 1, Role.Clerk);
const otherClerk = user(31, 9, Role.Clerk);

describe('who may do what to a document (Decree 30 roles)', () => {
  it('lets only the drafter edit and submit their draft, and only with its main file', () => {
    expect(allowedActions(drafter, facts({}))).toEqual([DocumentAction.Edit, DocumentAction.SubmitForReview]);
    expect(allowedActions(drafter, facts({}, { hasMainFile: false }))).toEqual([DocumentAction.Edit]);
    expect(allowedActions(user(11, 2, Role.Specialist), facts({}))).toEqual([]);
    expect(allowedActions(chairman, facts({}))).toEqual([]);
  });

  it('lets a classified draft go for review without a file (its content stays on paper)', () => {
    expect(allowedActions(drafter, facts({ securityLevel: SecurityLevel.Secret }, { hasMainFile: false }))).toContain(DocumentAction.SubmitForReview);
  });

  it('gives the review to the pending step’s reviewer only', () => {
    const step = { reviewerId: 20, status: 'pending' } as ReviewStepEntity;
    expect(allowedActions(chairman, facts({ status: DocumentStatus.InReview }, { pendingStep: step }))).toEqual([DocumentAction.Review]);
    expect(allowedActions(user(21, 1, Role.Leader), facts({ status: DocumentStatus.InReview }, { pendingStep: step }))).toEqual([]);
  });

  it('lets only the named leader sign, and never a classified document', () => {
    expect(allowedActions(chairman, facts({ status: DocumentStatus.AwaitingSignature }))).toEqual([DocumentAction.Sign]);
    expect(allowedActions(user(21, 1, Role.Leader), facts({ status: DocumentStatus.AwaitingSignature }))).toEqual([]);
    expect(allowedActions(chairman, facts({ status: DocumentStatus.AwaitingSignature, securityLevel: SecurityLevel.Confidential }))).toEqual([]);
  });

  it('lets the issuing organisation’s clerk issue and dispatch, never another organisation’s', () => {
    expect(allowedActions(clerk, facts({ status: DocumentStatus.Signed }))).toEqual([DocumentAction.Issue]);
    expect(allowedActions(clerk, facts({ status: DocumentStatus.Issued }))).toEqual([DocumentAction.Dispatch]);
    expect(allowedActions(clerk, facts({ status: DocumentStatus.Issued, securityLevel: SecurityLevel.TopSecret }))).toEqual([]);
    expect(allowedActions(otherClerk, facts({ status: DocumentStatus.Signed }))).toEqual([]);
    // Classified: numbered on paper once approved.
    expect(allowedActions(clerk, facts({ status: DocumentStatus.AwaitingSignature, securityLevel: SecurityLevel.Secret }))).toEqual([DocumentAction.Issue]);
  });

  it('walks an incoming copy through register, submit, assign, handle and complete by role', () => {
    const incoming = { direction: DocumentDirection.Incoming, sourceDocumentId: '3', createdBy: null, signerId: null };
    expect(allowedActions(clerk, facts({ ...incoming, status: DocumentStatus.Received }))).toEqual([DocumentAction.Register, DocumentAction.ReturnToSender]);
    expect(allowedActions(clerk, facts({ ...incoming, status: DocumentStatus.Registered }))).toEqual([DocumentAction.SubmitToLeader, DocumentAction.ReturnToSender]);
    expect(allowedActions(chairman, facts({ ...incoming, status: DocumentStatus.Submitted }))).toEqual([DocumentAction.Assign, DocumentAction.ReturnToSender]);
    const lead = { role: AssignmentRole.Lead, userId: 40, organisationId: 1, status: 'assigned' } as AssigneeEntity;
    const informed = { role: AssignmentRole.Inform, userId: 41, organisationId: 1, status: 'assigned' } as AssigneeEntity;
    const inProgress = facts({ ...incoming, status: DocumentStatus.InProgress }, { assignees: [lead, informed] });
    expect(allowedActions(user(40, 1, Role.Specialist), inProgress)).toEqual([DocumentAction.ReportProgress, DocumentAction.Complete]);
    expect(allowedActions(user(41, 1, Role.Specialist), inProgress)).toEqual([]);
    expect(allowedActions(chairman, inProgress)).toEqual([DocumentAction.Assign]);
  });

  it('lets any member of an assigned unit handle it when the unit, not a person, was assigned', () => {
    const unit = { role: AssignmentRole.Lead, userId: null, organisationId: 5, status: 'assigned' } as AssigneeEntity;
    const inProgress = facts({ direction: DocumentDirection.Incoming, status: DocumentStatus.InProgress, sourceDocumentId: null }, { assignees: [unit] });
    expect(allowedActions(user(50, 5, Role.Specialist), inProgress)).toEqual([DocumentAction.ReportProgress, DocumentAction.Complete]);
    expect(allowedActions(user(51, 6, Role.Specialist), inProgress)).toEqual([]);
  });

  it("gives an organisation's register books to its own clerks and leaders only", () => {
    expect(mayReadRegisters(clerk, 1)).toBe(true);
    expect(mayReadRegisters(chairman, 1)).toBe(true);
    expect(mayReadRegisters(otherClerk, 1)).toBe(false);
    expect(mayReadRegisters(user(12, 1, Role.Specialist), 1)).toBe(false);
    expect(mayReadRegisters(user(1, 1, Role.Admin), 1)).toBe(false);
  });

  it('lets only the lead handler record the result of an incoming document, while handling it or once completed', () => {
    const handler = user(40, 1, Role.Specialist);
    const helper = user(41, 1, Role.Specialist);
    const assignees = [
      { role: AssignmentRole.Lead, userId: 40, organisationId: null, status: 'in-progress' },
      { role: AssignmentRole.Coordinate, userId: 41, organisationId: null, status: 'assigned' },
    ] as AssigneeEntity[];
    const incoming = (status: DocumentStatus) => facts({ direction: DocumentDirection.Incoming, status }, { assignees });
    expect(mayRecordResult(handler, incoming(DocumentStatus.InProgress))).toBe(true);
    expect(mayRecordResult(handler, incoming(DocumentStatus.Completed))).toBe(true);
    expect(mayRecordResult(handler, incoming(DocumentStatus.Registered))).toBe(false);
    expect(mayRecordResult(helper, incoming(DocumentStatus.InProgress))).toBe(false);
    expect(mayRecordResult(clerk, incoming(DocumentStatus.InProgress))).toBe(false);
    expect(mayRecordResult(handler, facts({ status: DocumentStatus.Dispatched }, { assignees }))).toBe(false);
  });
});
