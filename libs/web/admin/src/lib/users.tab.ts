import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ALL_ROLES, OrganisationDto, Page, Role, UserDto } from '@vanthu/shared/contracts';
import { AdminApi, ApiFailure, LocalizedPipe, MessageKey, OrganisationsApi, Submission, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { ADMIN_TAB_STYLES } from './admin-tab.styles';

interface UserDialogData {
  user: UserDto | null;
  organisations: OrganisationDto[];
  organisationId: number | null;
}

function roleKey(role: Role): MessageKey {
  return `role.${role}` as MessageKey;
}

/** Creates a user or edits one: name, position, e-mail, roles, active, unlock, password reset. */
@Component({
  selector: 'vt-user-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (data.user ? 'common.edit' : 'admin.user.add') | t }}</h2>
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
          <mat-label>{{ 'admin.user.username' | t }}</mat-label>
          <input matInput formControlName="username" required autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.user.fullName' | t }}</mat-label>
          <input matInput formControlName="fullName" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.user.position' | t }}</mat-label>
          <input matInput formControlName="position" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.user.email' | t }}</mat-label>
          <input matInput type="email" formControlName="email" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.user.organisation' | t }}</mat-label>
          <mat-select formControlName="organisationId" required>
            @for (org of data.organisations; track org.id) {
              <mat-option [value]="org.id">{{ org.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.user.roles' | t }}</mat-label>
          <mat-select formControlName="roles" multiple required>
            @for (role of roles; track role) {
              <mat-option [value]="role">{{ roleKey(role) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ (data.user ? 'admin.user.newPassword' : 'admin.user.password') | t }}</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" [required]="!data.user" />
        </mat-form-field>
        @if (data.user) {
          <mat-slide-toggle formControlName="active">{{ 'admin.user.active' | t }}</mat-slide-toggle>
          @if (data.user.locked) {
            <mat-checkbox formControlName="unlock">{{ 'admin.user.unlock' | t }}</mat-checkbox>
          }
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
export class UserDialog {
  protected readonly data = inject<UserDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<UserDialog, UserDto>>(MatDialogRef);
  private readonly api = inject(AdminApi);
  protected readonly roles = ALL_ROLES;
  protected readonly roleKey = roleKey;
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: [{ value: this.data.user?.username ?? '', disabled: !!this.data.user }, Validators.required],
    fullName: [this.data.user?.fullName ?? '', Validators.required],
    position: [this.data.user?.position ?? '', Validators.required],
    email: [this.data.user?.email ?? ''],
    organisationId: [{ value: this.data.user?.organisationId ?? this.data.organisationId ?? 0, disabled: !!this.data.user }, Validators.required],
    roles: [this.data.user?.roles ?? ([] as Role[]), Validators.required],
    password: ['', this.data.user ? [] : [Validators.required]],
    active: [this.data.user?.active ?? true],
    unlock: [false],
  });

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const user = this.data.user;
    await this.submission.run(
      () =>
        user
          ? firstValueFrom(
              this.api.updateUser(user.id, {
                fullName: v.fullName.trim(),
                position: v.position.trim(),
                email: v.email.trim() || null,
                roles: v.roles,
                active: v.active,
                unlock: v.unlock || undefined,
                password: v.password || undefined,
              }),
            )
          : firstValueFrom(
              this.api.createUser({
                username: v.username.trim(),
                fullName: v.fullName.trim(),
                position: v.position.trim(),
                email: v.email.trim() || null,
                organisationId: v.organisationId,
                roles: v.roles,
                password: v.password,
              }),
            ),
      (saved) => this.ref.close(saved),
    );
  }
}

/** Users of one organisation (or all), with their roles and state. */
@Component({
  selector: 'vt-users-tab',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatPaginatorModule, MatSelectModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab">
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <div class="bar">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.user.filterOrg' | t }}</mat-label>
          <mat-select [value]="organisationId()" (selectionChange)="filter($event.value)">
            <mat-option [value]="null">{{ 'common.all' | t }}</mat-option>
            @for (org of organisations(); track org.id) {
              <mat-option [value]="org.id">{{ org.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button mat-flat-button type="button" (click)="edit(null)"><mat-icon svgIcon="add" />{{ 'admin.user.add' | t }}</button>
      </div>
      <div class="table-box">
        <table>
          <thead>
            <tr>
              <th>{{ 'admin.user.username' | t }}</th>
              <th>{{ 'admin.user.fullName' | t }}</th>
              <th>{{ 'admin.user.position' | t }}</th>
              <th>{{ 'admin.user.organisation' | t }}</th>
              <th>{{ 'admin.user.roles' | t }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (user of page()?.items ?? []; track user.id) {
              <tr [class.inactive]="!user.active">
                <td>{{ user.username }}</td>
                <td>{{ user.fullName }}</td>
                <td>{{ user.position }}</td>
                <td>{{ orgName(user.organisationId) }}</td>
                <td>
                  @for (role of user.roles; track role; let last = $last) {
                    {{ roleKey(role) | t }}{{ last ? '' : ', ' }}
                  }
                  @if (user.locked) {
                    <strong class="locked"> · {{ 'admin.user.locked' | t }}</strong>
                  }
                </td>
                <td><button mat-button type="button" (click)="edit(user)">{{ 'common.edit' | t }}</button></td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      @if (page(); as page) {
        <mat-paginator [length]="page.total" [pageSize]="page.pageSize" [pageIndex]="page.page - 1" [hidePageSize]="true" (page)="paged($event)" />
      }
    </div>
  `,
  styles: [
    ADMIN_TAB_STYLES,
    `
    .bar mat-form-field {
      min-width: 280px;
    }
    .inactive td {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: line-through;
    }
    .locked {
      color: #b3261e;
    }
  `,
  ],
})
export class UsersTab implements OnInit {
  private readonly admin = inject(AdminApi);
  private readonly directory = inject(OrganisationsApi);
  private readonly dialog = inject(MatDialog);
  protected readonly roleKey = roleKey;
  protected readonly organisations = signal<OrganisationDto[]>([]);
  protected readonly organisationId = signal<number | null>(null);
  protected readonly page = signal<Page<UserDto> | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  private pageNumber = 1;

  async ngOnInit(): Promise<void> {
    try {
      this.organisations.set(await firstValueFrom(this.directory.list()));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
    await this.load();
  }

  protected orgName(id: number): string {
    return this.organisations().find((o) => o.id === id)?.name ?? '';
  }

  protected async filter(organisationId: number | null): Promise<void> {
    this.organisationId.set(organisationId);
    this.pageNumber = 1;
    await this.load();
  }

  protected async paged(event: PageEvent): Promise<void> {
    this.pageNumber = event.pageIndex + 1;
    await this.load();
  }

  protected edit(user: UserDto | null): void {
    this.dialog
      .open<UserDialog, UserDialogData, UserDto>(UserDialog, {
        data: { user, organisations: this.organisations(), organisationId: this.organisationId() },
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) void this.load();
      });
  }

  private async load(): Promise<void> {
    try {
      this.page.set(
        await firstValueFrom(this.admin.users({ organisationId: this.organisationId() ?? undefined, page: this.pageNumber, pageSize: 50 })),
      );
      this.failure.set(null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
