import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { CsvImportResult, ExternalOrganisationDto } from '@vanthu/shared/contracts';
import { ApiFailure, ExchangeApi, LocalizedPipe, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { ADMIN_TAB_STYLES } from './admin-tab.styles';

/**
 * The directory of organisations outside this installation (mã định danh): added one by one or
 * imported from a CSV file; clerks choose them as external recipients, packets name them as senders.
 */
@Component({
  selector: 'vt-external-organisations-tab',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab">
      @if (failure(); as failure) {
        <vt-alert data-testid="external-error">{{ failure.message | localized }}</vt-alert>
      }
      <form [formGroup]="form" (ngSubmit)="add()" class="bar" novalidate>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'exchange.directory.code' | t }}</mat-label>
          <input matInput formControlName="identifierCode" maxlength="13" required data-testid="external-code" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic" class="name">
          <mat-label>{{ 'exchange.directory.name' | t }}</mat-label>
          <input matInput formControlName="name" required data-testid="external-name" />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="form.invalid || busy()" data-testid="external-add">{{ 'exchange.directory.add' | t }}</button>
        <label class="import">
          <span>{{ 'exchange.directory.import' | t }}</span>
          <input type="file" accept=".csv,text/csv" (change)="importFile($event)" data-testid="external-import" />
        </label>
      </form>
      <p class="hint">{{ 'exchange.directory.importHint' | t }}</p>
      @if (imported(); as result) {
        <p data-testid="external-imported">{{ 'exchange.directory.imported' | t: { created: result.created, updated: result.updated, errors: result.errors.length } }}</p>
        @for (e of result.errors; track e.line) {
          <p class="hint">{{ e.line }}: {{ e.message | localized }}</p>
        }
      }
      <div class="table-box">
        <table data-testid="external-table">
          <thead>
            <tr>
              <th>{{ 'exchange.directory.code' | t }}</th>
              <th>{{ 'exchange.directory.name' | t }}</th>
              <th>{{ 'exchange.directory.active' | t }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (o of organisations(); track o.id) {
              <tr [class.inactive]="!o.active">
                <td>{{ o.identifierCode }}</td>
                <td>{{ o.name }}</td>
                <td>{{ (o.active ? 'common.yes' : 'common.no') | t }}</td>
                <td>
                  <button mat-button type="button" (click)="toggle(o)">{{ (o.active ? 'exchange.directory.deactivate' : 'exchange.directory.activate') | t }}</button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </div>
  `,
  styles: `
    ${ADMIN_TAB_STYLES}
    .name {
      min-width: 320px;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
    .import input {
      font: var(--mat-sys-body-small);
    }
    .inactive {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ExternalOrganisationsTab implements OnInit {
  private readonly api = inject(ExchangeApi);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    identifierCode: ['', [Validators.required, Validators.maxLength(13)]],
    name: ['', Validators.required],
  });
  protected readonly organisations = signal<ExternalOrganisationDto[]>([]);
  protected readonly imported = signal<CsvImportResult | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly busy = signal(false);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected async add(): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(this.api.createExternal(this.form.getRawValue()));
      this.form.reset();
    });
  }

  protected async toggle(o: ExternalOrganisationDto): Promise<void> {
    await this.run(() => firstValueFrom(this.api.updateExternal(o.id, { active: !o.active })));
  }

  protected async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = '';
    await this.run(async () => this.imported.set(await firstValueFrom(this.api.importExternal(text))));
  }

  private async run(work: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await work();
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.organisations.set(await firstValueFrom(this.api.organisations({ includeInactive: true })));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
