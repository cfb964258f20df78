import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentDetail, UserDto } from '@vanthu/shared/contracts';
import { LocalizedPipe, SessionStore, Submission, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { Directory } from '../directory';

export interface ReviewersDialogData {
  document: DocumentDetail;
  run: (reviewerIds: number[]) => Promise<DocumentDetail>;
}

/** Sends a draft for review: the reviewers (leaders of the drafting and issuing organisations), in the order ticked. */
@Component({
  selector: 'vt-reviewers-dialog',
  imports: [MatButtonModule, MatCheckboxModule, MatDialogModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'action.submit-review' | t }}</h2>
    <mat-dialog-content class="reviewers">
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <p class="hint">{{ 'dialog.reviewersHint' | t }}</p>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @for (person of candidates(); track person.id) {
        <mat-checkbox [checked]="order().includes(person.id)" (change)="toggle(person.id, $event.checked)" [attr.data-user]="person.username">
          @if (order().includes(person.id)) {
            <strong>{{ order().indexOf(person.id) + 1 }}.</strong>
          }
          {{ person.fullName }} — {{ person.position }}
        </mat-checkbox>
      }
      @if (tried() && order().length === 0) {
        <p class="error" role="alert">{{ 'dialog.reviewersRequired' | t }}</p>
      }
    </mat-dialog-content>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" (click)="submit()" [disabled]="busy()" data-testid="reviewers-confirm">
        {{ 'action.submit-review' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .reviewers {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(460px, 80vw);
    }
    .hint {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ReviewersDialog implements OnInit {
  private readonly data = inject<ReviewersDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReviewersDialog, DocumentDetail>>(MatDialogRef);
  private readonly directory = inject(Directory);
  private readonly session = inject(SessionStore);
  protected readonly candidates = signal<UserDto[]>([]);
  protected readonly order = signal<number[]>([]);
  protected readonly loading = signal(true);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly tried = signal(false);
  protected readonly failure = this.submission.failure;

  async ngOnInit(): Promise<void> {
    const doc = this.data.document;
    const me = this.session.user()?.id;
    try {
      const orgs = [this.session.user()?.organisation.id ?? doc.organisation.id, doc.organisation.id];
      const candidates = (await this.directory.leadersOf(orgs)).filter((u) => u.id !== me);
      this.candidates.set(candidates);
      // The chosen signer usually reviews last: ticked already (then "Duyệt và ký" is one step for them).
      const signer = doc.signer?.id;
      if (signer !== undefined && this.order().length === 0 && candidates.some((u) => u.id === signer)) this.order.set([signer]);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected toggle(id: number, checked: boolean): void {
    const signer = this.data.document.signer?.id;
    this.order.update((order) => {
      const rest = order.filter((i) => i !== id);
      if (!checked) return rest;
      // Others review before the signer, who approves last and then signs.
      const at = signer !== undefined && id !== signer ? rest.indexOf(signer) : -1;
      return at < 0 ? [...rest, id] : [...rest.slice(0, at), id, ...rest.slice(at)];
    });
  }

  protected async submit(): Promise<void> {
    this.tried.set(true);
    if (this.order().length === 0) return;
    await this.submission.run(
      () => this.data.run(this.order()),
      (result) => this.ref.close(result),
    );
  }
}
