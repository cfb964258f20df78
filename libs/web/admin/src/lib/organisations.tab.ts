import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ALL_ORGANISATION_KINDS, isTopKind, OrganisationDto, OrganisationKind } from '@vanthu/shared/contracts';
import { AdminApi, ApiFailure, LocalizedPipe, MessageKey, OrganisationsApi, Submission, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert, flattenOrganisations, OrgTreeRow } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { ADMIN_TAB_STYLES } from './admin-tab.styles';

/** Every kind's label: a record, so that a new kind cannot go without one. */
const KIND_LABELS: Record<OrganisationKind, MessageKey> = {
  [OrganisationKind.Province]: 'admin.kind.province',
  [OrganisationKind.District]: 'admin.kind.district',
  [OrganisationKind.Office]: 'admin.kind.office',
  [OrganisationKind.Department]: 'admin.kind.department',
  [OrganisationKind.Commune]: 'admin.kind.commune',
};

// A new organisation is always created under another one (the server creates no tree root), so
// the kinds only a root has (province, district) are not offered for it.
const CHILD_KINDS = ALL_ORGANISATION_KINDS.filter((kind) => !isTopKind(kind));

interface OrgDialogData {
  organisation: OrganisationDto | null;
  parentId: number | null;
  all: OrganisationDto[];
}

/** Creates or edits one organisation of the tree. */
@Component({
  selector: 'vt-organisation-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (data.organisation ? 'common.edit' : 'admin.org.add') | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="form">
        @if (failure(); as failure) {
          <vt-alert>
            <div>{{ failure.message | localized }}</div>
            @for (e of failure.fieldErrors; track e.field) {
              <div>{{ e.message | localized }}</div>
            }
          </vt-alert>
        }
        <mat-form-field>
          <mat-label>{{ 'admin.org.name' | t }}</mat-label>
          <input matInput formControlName="name" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.org.code' | t }}</mat-label>
          <input matInput formControlName="code" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.org.abbreviation' | t }}</mat-label>
          <input matInput formControlName="abbreviation" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.org.kind' | t }}</mat-label>
          <mat-select formControlName="kind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ kindKey(kind) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.org.parent' | t }}</mat-label>
          <mat-select formControlName="parentId">
            @if (data.organisation) {
              <mat-option [value]="null">—</mat-option>
            }
            @for (org of data.all; track org.id) {
              <mat-option [value]="org.id">{{ org.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.org.identifierCode' | t }}</mat-label>
          <input matInput formControlName="identifierCode" maxlength="13" placeholder="000.00.00.H41" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.org.placeName' | t }}</mat-label>
          <input matInput formControlName="placeName" />
        </mat-form-field>
        @if (data.organisation) {
          <mat-slide-toggle formControlName="active">{{ 'admin.org.active' | t }}</mat-slide-toggle>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'common.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      min-width: min(460px, 80vw);
    }
  `,
})
export class OrganisationDialog {
  protected readonly data = inject<OrgDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<OrganisationDialog, OrganisationDto>>(MatDialogRef);
  private readonly api = inject(AdminApi);
  protected readonly kinds = this.data.organisation ? ALL_ORGANISATION_KINDS : CHILD_KINDS;
  protected readonly kindKey = (kind: OrganisationKind): MessageKey => KIND_LABELS[kind];
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.data.organisation?.name ?? '', Validators.required],
    code: [this.data.organisation?.code ?? '', Validators.required],
    abbreviation: [this.data.organisation?.abbreviation ?? '', Validators.required],
    kind: [this.data.organisation?.kind ?? OrganisationKind.Department],
    parentId: [this.data.organisation ? this.data.organisation.parentId : (this.data.parentId ?? this.data.all[0]?.id ?? null)],
    identifierCode: [this.data.organisation?.identifierCode ?? ''],
    placeName: [this.data.organisation?.placeName ?? ''],
    active: [this.data.organisation?.active ?? true],
  });

  constructor() {
    // An existing organisation keeps its code, kind and parent: the server changes none of them.
    if (this.data.organisation) {
      this.form.controls.code.disable();
      this.form.controls.kind.disable();
      this.form.controls.parentId.disable();
    }
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const common = {
      name: value.name,
      abbreviation: value.abbreviation,
      identifierCode: value.identifierCode.trim() || null,
      placeName: value.placeName.trim() || null,
    };
    const existing = this.data.organisation;
    await this.submission.run(
      () =>
        firstValueFrom(
          existing
            ? this.api.updateOrganisation(existing.id, { ...common, active: value.active })
            : this.api.createOrganisation({ ...common, code: value.code, kind: value.kind, parentId: value.parentId }),
        ),
      (saved) => this.ref.close(saved),
    );
  }
}

/** The organisation tree with its abbreviations; add a unit under any node, edit or deactivate one. */
@Component({
  selector: 'vt-organisations-tab',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab">
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <button mat-flat-button type="button" (click)="edit(null, null)"><mat-icon svgIcon="add" />{{ 'admin.org.add' | t }}</button>
      <ul class="tree">
        @for (row of rows(); track row.organisation.id) {
          <li [style.padding-left.px]="row.depth * 24" [class.inactive]="!row.organisation.active">
            <span class="name">{{ row.organisation.name }}</span>
            <span class="meta">{{ row.organisation.abbreviation }} · {{ row.organisation.code }} · {{ kindKey(row.organisation.kind) | t }}</span>
            @if (!row.organisation.active) {
              <span class="meta">{{ 'admin.org.inactive' | t }}</span>
            }
            <span class="buttons">
              <button mat-button type="button" (click)="edit(row.organisation, null)">{{ 'common.edit' | t }}</button>
              <button mat-button type="button" (click)="edit(null, row.organisation.id)">{{ 'admin.org.addChild' | t }}</button>
            </span>
          </li>
        }
      </ul>
    </div>
  `,
  styles: [
    ADMIN_TAB_STYLES,
    `
    .tree {
      list-style: none;
      padding: 0;
      margin: 12px 0 0;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding-top: 4px;
      padding-bottom: 4px;
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .buttons {
      margin-left: auto;
    }
    .inactive .name {
      text-decoration: line-through;
    }
  `,
  ],
})
export class OrganisationsTab implements OnInit {
  private readonly api = inject(OrganisationsApi);
  private readonly dialog = inject(MatDialog);
  protected readonly organisations = signal<OrganisationDto[]>([]);
  protected readonly rows = signal<OrgTreeRow[]>([]);
  protected readonly failure = signal<ApiFailure | null>(null);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected readonly kindKey = (kind: OrganisationKind): MessageKey => KIND_LABELS[kind];

  protected edit(organisation: OrganisationDto | null, parentId: number | null): void {
    this.dialog
      .open<OrganisationDialog, OrgDialogData, OrganisationDto>(OrganisationDialog, {
        data: { organisation, parentId, all: this.organisations() },
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) void this.load();
      });
  }

  private async load(): Promise<void> {
    try {
      const all = await firstValueFrom(this.api.list());
      this.organisations.set(all);
      // Inactive ones too: an administrator may reactivate them.
      this.rows.set(flattenOrganisations(all.map((o) => ({ ...o, active: true }))).map((row) => ({
        ...row,
        organisation: all.find((o) => o.id === row.organisation.id) ?? row.organisation,
      })));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
