import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { AssigneeRef, AssignRequest, DocumentDetail, OrganisationDto, UserDto } from '@vanthu/shared/contracts';
import { LocalizedPipe, Submission, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert, fromIsoDay, toIsoDay, vietnamToday, VT_DATEPICKER } from '@vanthu/web/ui';
import { Directory } from '../directory';

export interface AssignDialogData {
  document: DocumentDetail;
  run: (request: AssignRequest) => Promise<DocumentDetail>;
}

/** `o:12` is a unit, `u:34` a person: one select offers both. */
type AssigneeKey = string;

function toRef(key: AssigneeKey): AssigneeRef {
  const id = Number(key.slice(2));
  return key.startsWith('o:') ? { organisationId: id } : { userId: id };
}

/**
 * The leader assigns an incoming document (Decree 30: chủ trì, phối hợp, để biết) to units of
 * the organisation or to people, with a deadline day and instructions.
 */
@Component({
  selector: 'vt-assign-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, ...VT_DATEPICKER, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'action.assign' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form">
        @if (failure(); as failure) {
          <vt-alert>{{ failure.message | localized }}</vt-alert>
        }
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'dialog.lead' | t }}</mat-label>
          <mat-select formControlName="lead" required data-testid="assign-lead" [attr.aria-busy]="loading()">
            @for (option of options(); track option.key) {
              <mat-option [value]="option.key" [attr.data-assignee]="option.test">{{ option.label }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'dialog.leadHint' | t }}</mat-hint>
          @if (form.controls.lead.hasError('required')) {
            <mat-error>{{ 'dialog.leadRequired' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'dialog.coordinators' | t }}</mat-label>
          <mat-select formControlName="coordinators" multiple>
            @for (option of options(); track option.key) {
              <mat-option [value]="option.key" [attr.data-assignee]="option.test">{{ option.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'dialog.informed' | t }}</mat-label>
          <mat-select formControlName="informed" multiple>
            @for (option of options(); track option.key) {
              <mat-option [value]="option.key" [attr.data-assignee]="option.test">{{ option.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'dialog.deadline' | t }}</mat-label>
          <input matInput [matDatepicker]="deadlinePicker" formControlName="deadline" [min]="today" required data-testid="assign-deadline" />
          <mat-hint>{{ 'common.dateHint' | t }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="deadlinePicker" />
          <mat-datepicker #deadlinePicker />
          @if (form.controls.deadline.hasError('required')) {
            <mat-error>{{ 'dialog.deadlineRequired' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'dialog.instructions' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="instructions" data-testid="assign-instructions"></textarea>
        </mat-form-field>
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="assign-confirm">{{ 'action.assign' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(520px, 80vw);
    }
    /* A phone: the fields take the dialog's width; hints and errors wrap below them instead of being cut. */
    @media (max-width: 599.98px) {
      .form {
        min-width: 0;
        gap: 8px;
      }
    }
  `,
})
export class AssignDialog implements OnInit {
  private readonly data = inject<AssignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AssignDialog, DocumentDetail>>(MatDialogRef);
  private readonly directory = inject(Directory);
  protected readonly today = fromIsoDay(vietnamToday());
  protected readonly form = inject(FormBuilder).nonNullable.group({
    lead: ['', Validators.required],
    coordinators: [[] as string[]],
    informed: [[] as string[]],
    // The sender's hạn trả lời, when it set one and it has not passed, is the natural handling deadline.
    deadline: [this.suggestedDeadline(), Validators.required],
    instructions: [''],
  });
  protected readonly units = signal<OrganisationDto[]>([]);
  protected readonly people = signal<UserDto[]>([]);
  /** Units first, then people; each option says which it is. */
  protected readonly options = computed(() => [
    ...this.units().map((unit) => ({ key: `o:${unit.id}`, label: unit.name, test: unit.code })),
    ...this.people().map((person) => ({ key: `u:${person.id}`, label: `${person.fullName} — ${person.position}`, test: person.username })),
  ]);
  protected readonly loading = signal(true);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  private suggestedDeadline(): Date | null {
    const replyBy = this.data.document.replyBy;
    return replyBy && replyBy >= vietnamToday() ? fromIsoDay(replyBy) : null;
  }

  async ngOnInit(): Promise<void> {
    const organisationId = this.data.document.organisation.id;
    try {
      const [units, people] = await Promise.all([
        this.directory.unitsOf(organisationId),
        this.directory.membersOf(organisationId),
      ]);
      this.units.set(units);
      this.people.set(people);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const others = (keys: string[]) => keys.filter((key) => key !== value.lead).map(toRef);
    const request: AssignRequest = {
      lead: toRef(value.lead),
      coordinators: others(value.coordinators),
      informed: others(value.informed),
      deadline: toIsoDay(value.deadline),
      instructions: value.instructions.trim() || undefined,
    };
    await this.submission.run(
      () => this.data.run(request),
      (result) => this.ref.close(result),
    );
  }
}
