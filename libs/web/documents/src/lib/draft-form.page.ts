import { Location } from '@angular/common';
import { HttpEvent, HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, OnInit, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, FormsModule, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import {
  ALL_DOCUMENT_TYPES,
  ALL_SECURITY_LEVELS,
  ALL_URGENCIES,
  CreateDraftRequest,
  DOCUMENT_TYPES,
  DocumentDetail,
  DocumentFileView,
  DocumentType,
  FileRole,
  isUnitKind,
  OrganisationDto,
  SECURITY_LEVEL_LABELS,
  SecurityLevel,
  Urgency,
  URGENCY_LABELS,
  UserDto,
} from '@vanthu/shared/contracts';
import {
  ApiFailure,
  DocumentsApi,
  I18n,
  LocalizedPipe,
  localize,
  OutgoingApi,
  SessionStore,
  toApiFailure,
  TranslatePipe,
  VtNumberPipe,
} from '@vanthu/web/core';
import { Alert, fromIsoDay, OrgTreePicker, toIsoDay, vietnamToday, VT_DATEPICKER } from '@vanthu/web/ui';
import { suggestedSigningLine } from '@vanthu/shared/domain';
import { filter, firstValueFrom, lastValueFrom, Observable } from 'rxjs';
import { ReviewersDialog } from './dialogs/reviewers.dialog';
import { Directory } from './directory';
import { FileUploader } from './file-uploader';

/**
 * Creates or edits an outgoing draft: type, subject, urgency, security level, the organisation
 * it is issued in the name of, the signer and signing line, recipients from the tree; then the
 * main PDF and attachments with a progress bar, and sending it for review. A classified level
 * explains that the content stays on paper and offers no upload.
 */
@Component({
  selector: 'vt-draft-form-page',
  imports: [
    FormsModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ...VT_DATEPICKER,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    VtNumberPipe,
    Alert,
    OrgTreePicker,
    FileUploader,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './draft-form.page.html',
  styleUrl: './draft-form.page.scss',
})
export class DraftFormPage implements OnInit {
  private readonly outgoing = inject(OutgoingApi);
  private readonly documents = inject(DocumentsApi);
  private readonly directory = inject(Directory);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The draft's id when editing (from the address). */
  readonly id = input<string>();

  protected readonly types = ALL_DOCUMENT_TYPES;
  protected readonly typeLabels = DOCUMENT_TYPES;
  protected readonly urgencies = ALL_URGENCIES;
  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly levels = ALL_SECURITY_LEVELS;
  protected readonly levelLabels = SECURITY_LEVEL_LABELS;
  protected readonly roles = FileRole;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    type: [DocumentType.OfficialLetter as DocumentType, Validators.required],
    subject: ['', [Validators.required, Validators.maxLength(1000)]],
    urgency: [Urgency.Normal as Urgency],
    securityLevel: [SecurityLevel.Normal as SecurityLevel],
    issuingOrganisationId: [0],
    signerId: [null as number | null],
    signingLine: [''],
    /** Hạn trả lời: optional, not before today. */
    replyBy: [null as Date | null],
  });
  protected readonly today = fromIsoDay(vietnamToday());
  protected readonly recipients = signal<number[]>([]);
  protected readonly recipientsTouched = signal(false);
  protected readonly organisations = signal<OrganisationDto[]>([]);
  protected readonly issuers = signal<OrganisationDto[]>([]);
  protected readonly signers = signal<UserDto[]>([]);
  protected readonly doc = signal<DocumentDetail | null>(null);
  protected readonly saving = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly fileFailure = signal<ApiFailure | null>(null);
  protected readonly body = signal('');
  protected readonly generating = signal(false);
  /** Files chosen before the draft was first saved: uploaded right after it is created. */
  protected readonly pending = signal<{ file: File; role: FileRole }[]>([]);
  protected readonly pendingMain = computed(() => this.pending().find((p) => p.role === FileRole.Main) ?? null);
  protected readonly uploadingPending = signal<string | null>(null);
  /** The signing line last filled in from the signer: replaced when the signer changes, unless edited by hand. */
  private suggestedLine = '';

  private readonly securityLevel = toSignal(this.form.controls.securityLevel.valueChanges, {
    initialValue: SecurityLevel.Normal,
  });
  private readonly issuerId = toSignal(this.form.controls.issuingOrganisationId.valueChanges, { initialValue: 0 });
  protected readonly classified = computed(() => this.securityLevel() !== SecurityLevel.Normal);
  protected readonly classifiedLabel = computed(() => this.i18n.text(SECURITY_LEVEL_LABELS[this.securityLevel()]));
  protected readonly mainFile = computed(() => this.doc()?.files.find((f) => f.role === FileRole.Main) ?? null);
  protected readonly canSubmit = computed(() => this.doc()?.allowedActions.includes('submit-for-review') ?? false);

  constructor() {
    effect(() => {
      const issuer = this.issuerId();
      if (issuer) untracked(() => void this.loadSigners(issuer));
    });
    effect(() => {
      const signerId = this.signerId();
      const signers = this.signers();
      const issuer = this.issuerId();
      untracked(() => this.suggestSigningLine(signers.find((p) => p.id === signerId) ?? null, issuer));
    });
  }

  private readonly signerId = toSignal(this.form.controls.signerId.valueChanges, { initialValue: null as number | null });

  /** Fills the signing authority from the chosen signer, unless the drafter has written their own. */
  private suggestSigningLine(signer: UserDto | null, issuerId: number): void {
    const control = this.form.controls.signingLine;
    if (!signer || (control.value.trim() && control.value !== this.suggestedLine)) return;
    this.suggestedLine = suggestedSigningLine(signer.position, { inOwnName: signer.organisationId === issuerId });
    control.setValue(this.suggestedLine);
  }

  /** Keeps a file chosen before the draft exists; only PDFs (the server checks again). */
  protected pickPending(picker: HTMLInputElement, role: FileRole): void {
    const files = Array.from(picker.files ?? []);
    picker.value = '';
    this.fileFailure.set(null);
    const notPdf = files.find((f) => f.type !== 'application/pdf' && !f.name.toLowerCase().endsWith('.pdf'));
    if (notPdf) {
      this.fileFailure.set({ status: 0, code: 'NOT_PDF', message: localize('draft.notPdf'), fieldErrors: [] });
      return;
    }
    this.pending.update((list) => [
      ...(role === FileRole.Main ? list.filter((p) => p.role !== FileRole.Main) : list),
      ...(role === FileRole.Main ? files.slice(0, 1) : files).map((file) => ({ file, role })),
    ]);
  }

  protected dropPending(item: { file: File; role: FileRole }): void {
    this.pending.update((list) => list.filter((p) => p !== item));
  }

  /** Uploads the files chosen before the first save, one after another; a refusal is shown and the rest go on. */
  private async uploadPending(id: number): Promise<void> {
    const failures: ApiFailure[] = [];
    // The main file first: attachments follow it in the document's file list.
    const queue = [...this.pending()].sort((a, b) => Number(b.role === FileRole.Main) - Number(a.role === FileRole.Main));
    for (const item of queue) {
      this.uploadingPending.set(item.file.name);
      try {
        await lastValueFrom(this.outgoing.uploadFile(id, item.file, item.role).pipe(filter((e) => e.type === HttpEventType.Response)));
        this.pending.update((list) => list.filter((p) => p !== item));
      } catch (error) {
        failures.push(toApiFailure(error));
      }
    }
    this.uploadingPending.set(null);
    if (failures.length) this.fileFailure.set(failures[0]);
  }

  async ngOnInit(): Promise<void> {
    const own = this.session.user()?.organisation.id ?? 0;
    try {
      const organisations = await this.directory.organisations();
      this.organisations.set(organisations);
      const mine = organisations.find((o) => o.id === own);
      // A unit's drafts (văn phòng, sở, phòng) are usually issued in the name of the People's
      // Committee above it (DOMAIN.md); a commune is a People's Committee of its own.
      const parent = mine?.parentId && isUnitKind(mine.kind) ? organisations.find((o) => o.id === mine.parentId) : undefined;
      this.issuers.set([...(parent ? [parent] : []), ...(mine ? [mine] : [])]);
      if (!this.id()) this.form.controls.issuingOrganisationId.setValue(parent?.id ?? own);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
    const id = this.id();
    if (id) await this.loadDraft(Number(id));
  }

  protected uploadMain = (file: File): Observable<HttpEvent<DocumentFileView>> => this.upload(file, FileRole.Main);
  protected uploadAttachment = (file: File): Observable<HttpEvent<DocumentFileView>> => this.upload(file, FileRole.Attachment);

  protected async fileUploaded(): Promise<void> {
    const doc = this.doc();
    if (doc) this.doc.set(await firstValueFrom(this.documents.get(doc.id)));
  }

  /** Has the server lay out the main file from the form (no word processor needed). */
  protected async generate(): Promise<void> {
    const doc = this.doc();
    if (!doc || this.generating()) return;
    this.generating.set(true);
    this.fileFailure.set(null);
    try {
      const paragraphs = this.body()
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
      await firstValueFrom(this.outgoing.generateMainFile(doc.id, paragraphs));
      await this.fileUploaded();
    } catch (error) {
      this.fileFailure.set(toApiFailure(error));
    } finally {
      this.generating.set(false);
    }
  }

  protected async removeFile(file: DocumentFileView): Promise<void> {
    const doc = this.doc();
    if (!doc) return;
    this.fileFailure.set(null);
    try {
      await firstValueFrom(this.outgoing.deleteFile(doc.id, file.id));
      await this.fileUploaded();
    } catch (error) {
      this.fileFailure.set(toApiFailure(error));
    }
  }

  protected async save(): Promise<void> {
    this.recipientsTouched.set(true);
    if (this.saving()) return;
    if (this.form.invalid || this.recipients().length === 0) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const request: CreateDraftRequest = {
      type: value.type,
      subject: value.subject.trim(),
      urgency: value.urgency,
      securityLevel: value.securityLevel,
      issuingOrganisationId: value.issuingOrganisationId || undefined,
      recipientIds: this.recipients(),
      signerId: value.signerId,
      signingLine: value.signingLine.trim() || null,
      replyBy: value.replyBy ? toIsoDay(value.replyBy) : null,
    };
    this.saving.set(true);
    this.failure.set(null);
    try {
      const existing = this.doc();
      const saved = await firstValueFrom(
        existing ? this.outgoing.updateDraft(existing.id, request) : this.outgoing.createDraft(request),
      );
      this.doc.set(saved);
      if (!existing && this.pending().length) {
        await this.uploadPending(saved.id);
        this.doc.set(await firstValueFrom(this.documents.get(saved.id)));
      }
      this.snackBar.open(this.i18n.t('draft.saved'), this.i18n.t('common.close'), { duration: 4000 });
      if (!existing && this.fileFailure()) {
        // A file was refused: stay on this page with the refusal in view (the draft is saved; its
        // address becomes the edit page's, so a reload finds it).
        this.location.replaceState(`/outgoing/${saved.id}/edit`);
        setTimeout(() => this.host.nativeElement.querySelector('.draft__files')?.scrollIntoView({ block: 'start' }));
      } else if (!existing) {
        await this.router.navigate(['/outgoing', saved.id, 'edit'], { replaceUrl: true });
        // Next comes the file: bring its section into view.
        setTimeout(() => this.host.nativeElement.querySelector('.draft__files')?.scrollIntoView({ block: 'start' }));
      }
    } catch (error) {
      // Everything typed stays in the form.
      this.failure.set(toApiFailure(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected submitForReview(): void {
    const doc = this.doc();
    if (!doc) return;
    this.dialog
      .open<ReviewersDialog, object, DocumentDetail>(ReviewersDialog, {
        data: { document: doc, run: (reviewerIds: number[]) => firstValueFrom(this.outgoing.submitForReview(doc.id, { reviewerIds })) },
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (updated) void this.router.navigate(['/outgoing', updated.id]);
      });
  }

  private upload(file: File, role: FileRole): Observable<HttpEvent<DocumentFileView>> {
    return this.outgoing.uploadFile(this.doc()?.id ?? 0, file, role);
  }

  private async loadDraft(id: number): Promise<void> {
    try {
      const doc = await firstValueFrom(this.documents.get(id));
      this.doc.set(doc);
      this.form.patchValue({
        type: doc.type,
        subject: doc.subject,
        urgency: doc.urgency,
        securityLevel: doc.securityLevel,
        issuingOrganisationId: doc.organisation.id,
        signerId: doc.signer?.id ?? null,
        signingLine: doc.signingLine ?? '',
        replyBy: doc.replyBy ? fromIsoDay(doc.replyBy) : null,
      });
      this.recipients.set(doc.recipients.map((r) => r.id));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  private async loadSigners(organisationId: number): Promise<void> {
    try {
      this.signers.set(await this.directory.leadersOf([organisationId]));
    } catch {
      this.signers.set([]);
    }
  }
}
