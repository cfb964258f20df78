import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { HolidayDto } from '@vanthu/shared/contracts';
import { ApiFailure, HolidaysApi, I18n, LocalizedPipe, MessageKey, toApiFailure, TranslatePipe, VtDatePipe } from '@vanthu/web/core';
import { Alert, fromIsoDay, toIsoDay, vietnamToday, VT_DATEPICKER } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { ADMIN_TAB_STYLES } from './admin-tab.styles';

const KINDS: HolidayDto['kind'][] = ['holiday', 'compensatory', 'swapped-off', 'make-up-working-day'];

/** The holiday table deadlines count working days with (lunar dates move every year). */
@Component({
  selector: 'vt-holidays-tab',
  imports: [ReactiveFormsModule, MatButtonModule, ...VT_DATEPICKER, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, TranslatePipe, LocalizedPipe, VtDatePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab">
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <mat-form-field subscriptSizing="dynamic" class="year">
        <mat-label>{{ 'common.year' | t }}</mat-label>
        <mat-select [value]="year()" (selectionChange)="changeYear($event.value)">
          @for (y of years; track y) {
            <mat-option [value]="y">{{ y }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <form [formGroup]="form" (ngSubmit)="save()" class="add" novalidate>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.holiday.day' | t }}</mat-label>
          <input matInput [matDatepicker]="dayPicker" formControlName="day" required />
          <mat-datepicker-toggle matIconSuffix [for]="dayPicker" />
          <mat-datepicker #dayPicker />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.holiday.kind' | t }}</mat-label>
          <mat-select formControlName="kind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ kindKey(kind) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.holiday.nameVi' | t }}</mat-label>
          <input matInput formControlName="vi" required />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.holiday.nameEn' | t }}</mat-label>
          <input matInput formControlName="en" required />
        </mat-form-field>
        <button mat-flat-button type="submit"><mat-icon svgIcon="add" />{{ 'common.save' | t }}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>{{ 'admin.holiday.day' | t }}</th>
            <th>{{ 'admin.holiday.kind' | t }}</th>
            <th>{{ 'common.name' | t }}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (h of holidays(); track h.day) {
            <tr>
              <td>{{ h.day | vtDate }}</td>
              <td>{{ kindKey(h.kind) | t }}</td>
              <td>{{ h.name | localized }}</td>
              <td>
                <button mat-button type="button" (click)="edit(h)">{{ 'common.edit' | t }}</button>
                <button mat-button type="button" (click)="remove(h)">{{ 'common.delete' | t }}</button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: [
    ADMIN_TAB_STYLES,
    `
    .year {
      width: 140px;
      margin-bottom: 12px;
    }
    .add {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin-bottom: 12px;
    }
  `,
  ],
})
export class HolidaysTab implements OnInit {
  private readonly api = inject(HolidaysApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly kinds = KINDS;
  private readonly thisYear = Number(vietnamToday().slice(0, 4));
  protected readonly years = [this.thisYear - 1, this.thisYear, this.thisYear + 1];
  protected readonly year = signal(this.thisYear);
  protected readonly holidays = signal<HolidayDto[]>([]);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    day: [null as Date | null, Validators.required],
    kind: ['holiday' as HolidayDto['kind']],
    vi: ['', Validators.required],
    en: ['', Validators.required],
  });

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected kindKey(kind: HolidayDto['kind']): MessageKey {
    return `admin.holiday.kind.${kind}` as MessageKey;
  }

  protected async changeYear(year: number): Promise<void> {
    this.year.set(year);
    await this.load();
  }

  protected edit(holiday: HolidayDto): void {
    this.form.setValue({ day: fromIsoDay(holiday.day), kind: holiday.kind, vi: holiday.name.vi, en: holiday.name.en });
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    try {
      await firstValueFrom(this.api.save({ day: toIsoDay(v.day), kind: v.kind, name: { vi: v.vi.trim(), en: v.en.trim() } }));
      this.form.reset();
      this.snackBar.open(this.i18n.t('admin.holiday.saved'), this.i18n.t('common.close'), { duration: 3000 });
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async remove(holiday: HolidayDto): Promise<void> {
    try {
      await firstValueFrom(this.api.remove(holiday.day));
      this.snackBar.open(this.i18n.t('admin.holiday.removed'), this.i18n.t('common.close'), { duration: 3000 });
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  private async load(): Promise<void> {
    try {
      this.holidays.set(await firstValueFrom(this.api.list(this.year())));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
