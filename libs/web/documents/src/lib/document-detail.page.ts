import { ComponentType } from '@angular/cdk/portal';
import { HttpEvent } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import {
  AssigneeView,
  AssignmentRole,
  AssignmentView,
  DeliveryStatus,
  DeliveryView,
  DOCUMENT_TYPES,
  DocumentDetail,
  DocumentDirection,
  DocumentFileView,
  DocumentStatus,
  ExternalOriginView,
  FileRole,
  Permission,
  RecordFileDetail,
  SecurityLevel,
  VerificationView,
} from '@vanthu/shared/contracts';
import { formatRegisterNumber, registerYear } from '@vanthu/shared/domain';
import {
  ApiFailure,
  DocumentsApi,
  I18n,
  IncomingApi,
  LocalizedPipe,
  MessageKey,
  MessageParams,
  NotificationsStore,
  OutgoingApi,
  RecordsApi,
  SessionStore,
  toApiFailure,
  TranslatePipe,
  VtDatePipe,
  VtDateTimePipe,
  WorkCountsStore,
} from '@vanthu/web/core';
import { Alert, DeadlineBadge, FULL_SCREEN_ON_PHONE, PdfViewer, SecurityChip, SignaturePanel, StatusChip, UrgencyChip } from '@vanthu/web/ui';
import { firstValueFrom, Observable } from 'rxjs';
import { AssignDialog } from './dialogs/assign.dialog';
import { DispatchDialog } from './dialogs/dispatch.dialog';
import { FileDocumentDialog, FileDocumentDialogData } from './dialogs/file-document.dialog';
import { IssueDialog } from './dialogs/issue.dialog';
import { NoteDialog, NoteDialogData } from './dialogs/note.dialog';
import { RecallDialog, RecallDialogData } from './dialogs/recall.dialog';
import { RegisterDialog, RegisterDialogData } from './dialogs/register.dialog';
import { ReviewersDialog } from './dialogs/reviewers.dialog';
import { SigningDialog, SigningDialogResult } from './dialogs/signing.dialog';
import { SubmitLeaderDialog } from './dialogs/submit-leader.dialog';
import { DocumentComments } from './document-comments';
import { FileUploader } from './file-uploader';

// While recipients' copies are being opened and handled, the sender's tracking view asks
// again this often (and at once when a notification arrives).
const TRACKING_REFRESH_MS = 15_000;

/**
 * One document, either direction: the PDF in the embedded viewer, its signatures in plain
 * words, the facts, review steps, assignment, delivery tracking and history, and exactly the
 * actions the API allows this user now.
 */
@Component({
  selector: 'vt-document-detail-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    VtDatePipe,
    VtDateTimePipe,
    Alert,
    DeadlineBadge,
    PdfViewer,
    SecurityChip,
    SignaturePanel,
    StatusChip,
    UrgencyChip,
    FileUploader,
    DocumentComments,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './document-detail.page.html',
  styleUrl: './document-detail.page.scss',
})
export class DocumentDetailPage {
  private readonly documents = inject(DocumentsApi);
  private readonly outgoing = inject(OutgoingApi);
  private readonly incomingApi = inject(IncomingApi);
  private readonly records = inject(RecordsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly workCounts = inject(WorkCountsStore);
  private readonly session = inject(SessionStore);
  protected readonly i18n = inject(I18n);

  /** The document id from the address. */
  readonly id = input.required<string>();

  protected readonly doc = signal<DocumentDetail | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly actionFailure = signal<ApiFailure | null>(null);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly selectedFileId = signal<number | null>(null);
  private readonly verifications = signal<Record<number, VerificationView | null>>({});

  protected readonly incoming = computed(() => this.doc()?.direction === DocumentDirection.Incoming);
  protected readonly classified = computed(() => (this.doc()?.securityLevel ?? SecurityLevel.Normal) !== SecurityLevel.Normal);
  protected readonly allowed = computed(() => new Set(this.doc()?.allowedActions ?? []));
  /** The user is the document's signer (a leader reviewing their own signature's document). */
  protected readonly iSign = computed(() => {
    const signer = this.doc()?.signer;
    return !!signer && signer.id === this.session.user()?.id;
  });
  protected readonly selectedFile = computed<DocumentFileView | null>(() => {
    const doc = this.doc();
    if (!doc) return null;
    return (
      doc.files.find((f) => f.id === this.selectedFileId()) ??
      doc.files.find((f) => f.role === FileRole.Main) ??
      doc.files[0] ??
      null
    );
  });
  protected readonly fileUrl = computed(() => {
    const doc = this.doc();
    const file = this.selectedFile();
    return doc && file ? this.documents.fileUrl(doc.id, file.id) : null;
  });
  protected readonly downloadUrl = computed(() => {
    const doc = this.doc();
    const file = this.selectedFile();
    return doc && file ? this.documents.downloadUrl(doc.id, file.id) : null;
  });
  /** The copies with the reader's name and the time stamped on every page: print view and a copy to save. */
  protected readonly printUrl = computed(() => {
    const doc = this.doc();
    const file = this.selectedFile();
    return doc && file ? this.records.copyUrl(doc.id, file.id, 'print') : null;
  });
  protected readonly copyUrl = computed(() => {
    const doc = this.doc();
    const file = this.selectedFile();
    return doc && file ? this.records.copyUrl(doc.id, file.id, 'save') : null;
  });
  protected readonly verification = computed(() => {
    const file = this.selectedFile();
    if (!file) return null;
    const doc = this.doc();
    if (doc?.verification?.fileId === file.id) return doc.verification;
    return this.verifications()[file.id] ?? null;
  });
  protected readonly typeName = computed(() => {
    const doc = this.doc();
    return doc ? DOCUMENT_TYPES[doc.type].name : null;
  });
  protected readonly deliveriesOpened = computed(
    () => (this.doc()?.deliveries ?? []).filter((d) => d.status !== 'delivered').length,
  );
  protected readonly listLink = computed(() => (this.doc()?.direction === DocumentDirection.Outgoing ? '/outgoing' : '/incoming'));

  constructor() {
    effect(() => {
      const id = Number(this.id());
      untracked(() => void this.load(id));
    });
    // Load the verification of a file that the detail did not carry.
    effect(() => {
      const file = this.selectedFile();
      const doc = this.doc();
      if (!file || !doc || file.signatureCount === 0) return;
      if (doc.verification?.fileId === file.id || file.id in untracked(this.verifications)) return;
      untracked(() => void this.loadVerification(doc.id, file.id));
    });
    const destroyRef = inject(DestroyRef);
    const timer = setInterval(() => this.refreshTracking(), TRACKING_REFRESH_MS);
    destroyRef.onDestroy(() => clearInterval(timer));
    inject(NotificationsStore)
      .arrivals.pipe(takeUntilDestroyed())
      .subscribe(() => this.refreshTracking());
  }

  /** Who handles it, in words: a person by full name and position ("Trần Thị Lan — Công chức"), a unit by name. */
  protected assigneeText(assignee: AssigneeView): string {
    if (assignee.user) return assignee.user.position ? `${assignee.user.fullName} — ${assignee.user.position}` : assignee.user.fullName;
    return assignee.organisation?.name ?? '';
  }

  /** The one who leads the handling (chủ trì): their completion is the document's. */
  protected leadOf(assignment: AssignmentView): AssigneeView | undefined {
    return assignment.assignees.find((a) => a.role === AssignmentRole.Lead);
  }

  protected readonly handlingSlipUrl = computed(() => {
    const doc = this.doc();
    return doc && doc.direction === DocumentDirection.Incoming && doc.arrivalNumber !== null ? this.records.handlingSlipUrl(doc.id) : null;
  });

  /** Thêm vào hồ sơ: clerks and handlers file a numbered document (issued, or registered on arrival). */
  protected readonly mayFile = computed(() => {
    const doc = this.doc();
    if (!doc || !this.session.canAny([Permission.FileDocuments])) return false;
    return doc.direction === DocumentDirection.Incoming ? doc.arrivalNumber !== null : doc.number !== null;
  });

  protected can(action: string): boolean {
    return this.allowed().has(action);
  }

  protected numberText(doc: DocumentDetail): string {
    return doc.symbol ?? (doc.number !== null ? formatRegisterNumber(doc.number) : '');
  }

  /** The signer of a document from another system, one line each: competence, position, name. */
  protected originSigner(origin: ExternalOriginView): string {
    return [origin.signerCompetence, origin.signerPosition, origin.signerName].filter(Boolean).join('\n');
  }

  protected arrivalText(doc: DocumentDetail): string {
    return doc.arrivalNumber !== null ? formatRegisterNumber(doc.arrivalNumber) : '';
  }

  protected fileRoleKey(file: DocumentFileView): MessageKey {
    return file.role === FileRole.Main ? 'detail.file.main' : 'detail.file.attachment';
  }

  protected enumKey(prefix: string, value: string): MessageKey {
    return `${prefix}.${value}` as MessageKey;
  }

  /** The audit action code of a history entry in words; an unknown code is shown as it is. */
  protected historyText(action: string): string {
    const key = `history.${action}` as MessageKey;
    const text = this.i18n.t(key);
    return text === key || text === undefined ? action : text;
  }

  protected uploadIncoming = (file: File): Observable<HttpEvent<DocumentFileView>> =>
    this.incomingApi.uploadFile(this.doc()?.id ?? 0, file);

  protected async uploaded(): Promise<void> {
    const doc = this.doc();
    if (doc) await this.load(doc.id, false);
  }

  // ------------------------------------------------------------------ actions

  /** Opens the "Vào sổ" dialog: what will be registered, the duplicate warning if any, then the confirmation. */
  protected register(): void {
    const doc = this.doc();
    if (!doc) return;
    const data: RegisterDialogData = {
      document: doc,
      run: (acceptDuplicate) => firstValueFrom(this.incomingApi.register(doc.id, acceptDuplicate)),
    };
    this.openDialog(RegisterDialog, data);
  }

  /** The arrival number just given on this page ("Đã vào sổ văn bản đến số N"), announced until the page is left. */
  protected readonly registeredArrival = signal<string | null>(null);

  protected submitForReview(): void {
    const doc = this.doc();
    if (!doc) return;
    this.openDialog(ReviewersDialog, {
      document: doc,
      run: (reviewerIds: number[]) => firstValueFrom(this.outgoing.submitForReview(doc.id, { reviewerIds })),
    });
  }

  protected review(decision: 'approve' | 'return'): void {
    const doc = this.doc();
    if (!doc) return;
    this.note({
      title: decision === 'approve' ? 'action.approve' : 'action.return',
      label: 'dialog.comment',
      confirm: decision === 'approve' ? 'action.approve' : 'action.return',
      required: decision === 'return',
      run: (comment) => firstValueFrom(this.outgoing.review(doc.id, { decision, comment: comment || undefined })),
    });
  }

  /** Approves without a comment dialog, then opens the signing dialog at once when the signature is now the user's to give. */
  protected async approveAndSign(): Promise<void> {
    const doc = this.doc();
    if (!doc || this.busy()) return;
    await this.direct(() => firstValueFrom(this.outgoing.review(doc.id, { decision: 'approve' })));
    if (this.doc()?.allowedActions.includes('sign')) this.sign();
  }

  protected sign(): void {
    const doc = this.doc();
    if (!doc) return;
    this.dialog
      .open<SigningDialog, { ids: number[] }, SigningDialogResult>(SigningDialog, { ...FULL_SCREEN_ON_PHONE, data: { ids: [doc.id] } })
      .afterClosed()
      .subscribe((result) => {
        if (result?.signed) {
          void this.load(doc.id, false);
          void this.workCounts.refresh();
        }
      });
  }

  protected issue(): void {
    const doc = this.doc();
    if (doc) this.openDialog(IssueDialog, { document: doc });
  }

  protected dispatch(): void {
    const doc = this.doc();
    if (doc) this.openDialog(DispatchDialog, { document: doc });
  }

  protected submitToLeader(): void {
    const doc = this.doc();
    if (!doc) return;
    this.openDialog(SubmitLeaderDialog, {
      document: doc,
      run: (request: never) => firstValueFrom(this.incomingApi.submit(doc.id, request)),
    });
  }

  protected assign(): void {
    const doc = this.doc();
    if (!doc) return;
    this.openDialog(AssignDialog, {
      document: doc,
      run: (request: never) => firstValueFrom(this.incomingApi.assign(doc.id, request)),
    });
  }

  protected progress(): void {
    const doc = this.doc();
    if (!doc) return;
    this.note({
      title: 'action.progress',
      label: 'dialog.progressNote',
      confirm: 'action.progress',
      required: true,
      run: (note) => firstValueFrom(this.incomingApi.progress(doc.id, { note })),
    });
  }

  protected complete(): void {
    const doc = this.doc();
    if (!doc) return;
    this.note({
      title: 'action.complete',
      label: 'dialog.completeNote',
      confirm: 'action.complete',
      required: true,
      run: (note) => firstValueFrom(this.incomingApi.complete(doc.id, { note })),
    });
  }

  protected returnToSender(): void {
    const doc = this.doc();
    if (!doc) return;
    this.note({
      title: 'action.return-to-sender',
      label: 'dialog.reason',
      confirm: 'action.return-to-sender',
      required: true,
      run: (reason) => firstValueFrom(this.incomingApi.returnToSender(doc.id, { reason })),
    });
  }

  protected recall(): void {
    const doc = this.doc();
    if (!doc) return;
    const data: RecallDialogData = {
      direct: this.iSign(),
      run: (request) => firstValueFrom(this.outgoing.recall(doc.id, request)),
      // One recall for every recipient: those outside get the matching edXML packet.
      external: doc.externalDeliveries.filter((x) => x.state === 'queued' || x.state === 'exported').map((x) => x.recipient),
    };
    this.openDialog(RecallDialog, data);
  }

  /** Opens "Thêm vào hồ sơ": the open files of the year, one to pick; the document is added to it. */
  protected fileDocument(): void {
    const doc = this.doc();
    if (!doc) return;
    const data: FileDocumentDialogData = {
      documentName: [this.numberText(doc), doc.subject].filter(Boolean).join(': '),
      year: registerYear(new Date()),
      files: (year) => firstValueFrom(this.records.files(year)),
      run: (fileId) => firstValueFrom(this.records.addToFile(fileId, doc.id)),
    };
    this.dialog
      .open<FileDocumentDialog, FileDocumentDialogData, RecordFileDetail>(FileDocumentDialog, { data, maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((file) => {
        if (file) this.snackBar.open(this.i18n.t('files.added', { code: file.code }), this.i18n.t('common.close'), { duration: 6000 });
      });
  }

  /** The sender's clerk may remind a recipient that has not opened its copy (the API limits it to once an hour). */
  protected canRemind(d: DeliveryView): boolean {
    return this.session.canAny([Permission.DispatchDocuments]) && d.status === DeliveryStatus.Delivered && !d.openedAt && !d.recall;
  }

  protected remind(recipientId: number): void {
    const doc = this.doc();
    if (doc) void this.direct(() => firstValueFrom(this.outgoing.remind(doc.id, recipientId)));
  }

  protected approveRecall(): void {
    const doc = this.doc();
    if (doc) void this.direct(() => firstValueFrom(this.outgoing.decideRecall(doc.id, { approve: true })));
  }

  protected rejectRecall(): void {
    const doc = this.doc();
    if (!doc) return;
    this.note({
      title: 'action.recall-reject',
      label: 'dialog.reason',
      confirm: 'action.recall-reject',
      required: true,
      run: (comment) => firstValueFrom(this.outgoing.decideRecall(doc.id, { approve: false, comment })),
    });
  }

  protected acknowledgeRecall(): void {
    const doc = this.doc();
    if (doc) void this.direct(() => firstValueFrom(this.incomingApi.acknowledgeRecall(doc.id)));
  }

  private note(data: NoteDialogData): void {
    this.openDialog(NoteDialog, data);
  }

  private openDialog<T>(component: ComponentType<T>, data: object): void {
    this.dialog
      .open<T, object, DocumentDetail>(component, { data, maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.applied(updated);
      });
  }

  private async direct(run: () => Promise<DocumentDetail>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionFailure.set(null);
    try {
      this.applied(await run());
    } catch (error) {
      this.actionFailure.set(toApiFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  private applied(updated: DocumentDetail): void {
    const before = this.doc();
    this.doc.set(updated);
    if (before?.status === DocumentStatus.Received && updated.status === DocumentStatus.Registered && updated.arrivalNumber !== null) {
      this.registeredArrival.set(formatRegisterNumber(updated.arrivalNumber));
    }
    this.actionFailure.set(null);
    this.snackBar.open(this.i18n.t(...doneMessage(before, updated)), this.i18n.t('common.close'), { duration: 6000 });
    void this.workCounts.refresh();
  }

  // ------------------------------------------------------------------ loading

  private async load(id: number, showLoading = true): Promise<void> {
    if (showLoading) {
      this.loading.set(true);
      this.registeredArrival.set(null);
    }
    try {
      const doc = await firstValueFrom(this.documents.get(id));
      this.doc.set(doc);
      this.failure.set(null);
      if (showLoading && doc.direction === DocumentDirection.Incoming) this.markOpened(doc.id);
    } catch (error) {
      this.failure.set(toApiFailure(error));
      this.doc.set(null);
    } finally {
      this.loading.set(false);
    }
  }

  /**
   * The copy is on the screen: the sender may now see it "opened" (the API ignores it for anyone
   * but the recipient organisation, and after the first time). Quietly: the page works without it.
   */
  private markOpened(id: number): void {
    firstValueFrom(this.documents.markOpened(id)).catch(() => undefined);
  }

  private async loadVerification(documentId: number, fileId: number): Promise<void> {
    this.verifications.update((v) => ({ ...v, [fileId]: null }));
    try {
      const report = await firstValueFrom(this.documents.verification(documentId, fileId));
      this.verifications.update((v) => ({ ...v, [fileId]: report }));
    } catch {
      // The panel says the file was not checked.
    }
  }

  /** Refreshes a sent document's delivery states (quietly: a failure keeps the last ones). */
  private refreshTracking(): void {
    const doc = this.doc();
    if (!doc || doc.direction !== DocumentDirection.Outgoing || doc.deliveries.length === 0) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    firstValueFrom(this.documents.get(doc.id))
      .then((fresh) => {
        if (this.doc()?.id === fresh.id) this.doc.set(fresh);
      })
      .catch(() => undefined);
  }
}

/** What the action just did, in words: the state it led to, with the number it gave where it gave one. */
export function doneMessage(before: DocumentDetail | null, after: DocumentDetail): [MessageKey, MessageParams?] {
  if (after.recall?.acknowledgedAt && !before?.recall?.acknowledgedAt) return ['done.recall-acknowledged'];
  const remindedBefore = new Map((before?.deliveries ?? []).map((x) => [x.recipient.id, x.remindedAt]));
  if (after.deliveries.some((x) => x.remindedAt && x.remindedAt !== remindedBefore.get(x.recipient.id))) return ['done.reminded'];
  const request = after.recallRequest;
  if (request && (request.id !== before?.recallRequest?.id || request.status !== before?.recallRequest?.status)) return [`done.recall-${request.status}`];
  switch (after.status) {
    case DocumentStatus.InReview:
      // Still in review after an approval: a reviewer passed it on to the next one.
      return before?.status === DocumentStatus.InReview ? ['done.approved-next'] : ['done.in-review'];
    case DocumentStatus.Returned:
      return ['done.returned'];
    case DocumentStatus.AwaitingSignature:
      return ['done.awaiting-signature'];
    case DocumentStatus.Signed:
      return ['done.signed'];
    case DocumentStatus.Issued:
      return ['done.issued', { symbol: after.symbol ?? String(after.number ?? '') }];
    case DocumentStatus.Dispatched:
      return ['done.dispatched', { count: after.deliveries.length + after.externalDeliveries.length }];
    case DocumentStatus.Registered:
      return ['done.registered', { arrival: after.arrivalNumber === null ? '' : formatRegisterNumber(after.arrivalNumber) }];
    case DocumentStatus.Submitted:
      return ['done.submitted'];
    case DocumentStatus.InProgress:
      return before?.status === DocumentStatus.InProgress ? ['done.progress'] : ['done.assigned'];
    case DocumentStatus.Completed:
      return ['done.completed'];
    case DocumentStatus.ReturnedToSender:
      return ['done.returned-to-sender'];
    default:
      return ['detail.done'];
  }
}
