import { effect, EnvironmentProviders, inject, Injectable, makeEnvironmentProviders } from '@angular/core';
import { MatDatepicker, MatDatepickerInput, MatDatepickerIntl, MatDatepickerToggle } from '@angular/material/datepicker';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { I18n } from '@vanthu/web/i18n';

/** The paginator's words and range ("1–20 trong tổng số 37") in the chosen language, following changes of it. */
@Injectable()
export class VanthuPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(I18n);

  constructor() {
    super();
    // Set now for the first render, and again whenever the language changes.
    this.apply();
    effect(() => {
      this.i18n.language();
      this.apply();
      this.changes.next();
    });
  }

  private apply(): void {
    this.itemsPerPageLabel = this.i18n.t('paginator.itemsPerPage');
    this.nextPageLabel = this.i18n.t('paginator.next');
    this.previousPageLabel = this.i18n.t('paginator.previous');
    this.firstPageLabel = this.i18n.t('paginator.first');
    this.lastPageLabel = this.i18n.t('paginator.last');
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0) return this.i18n.t('paginator.empty', { total: length });
    const start = page * pageSize + 1;
    const end = Math.min(length, (page + 1) * pageSize);
    return this.i18n.t('paginator.range', { start, end, total: length });
  };
}

/** The datepicker's button and calendar labels (read by screen readers) in the chosen language. */
@Injectable()
export class VanthuDatepickerIntl extends MatDatepickerIntl {
  private readonly i18n = inject(I18n);

  constructor() {
    super();
    this.apply();
    effect(() => {
      this.i18n.language();
      this.apply();
      this.changes.next();
    });
  }

  private apply(): void {
    this.openCalendarLabel = this.i18n.t('calendar.open');
    this.closeCalendarLabel = this.i18n.t('calendar.close');
    this.calendarLabel = this.i18n.t('calendar.label');
    this.prevMonthLabel = this.i18n.t('calendar.previousMonth');
    this.nextMonthLabel = this.i18n.t('calendar.nextMonth');
    this.prevYearLabel = this.i18n.t('calendar.previousYear');
    this.nextYearLabel = this.i18n.t('calendar.nextYear');
    this.prevMultiYearLabel = this.i18n.t('calendar.previousYears');
    this.nextMultiYearLabel = this.i18n.t('calendar.nextYears');
    this.switchToMonthViewLabel = this.i18n.t('calendar.switchToMonth');
    this.switchToMultiYearViewLabel = this.i18n.t('calendar.switchToYears');
  }
}

/** Angular Material's own texts (paginator, datepicker) in Vietnamese, or English when chosen. */
export function provideMaterialTexts(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: MatPaginatorIntl, useClass: VanthuPaginatorIntl },
    { provide: MatDatepickerIntl, useClass: VanthuDatepickerIntl },
  ]);
}

/**
 * The datepicker's parts, for a component's `imports` instead of MatDatepickerModule: the module
 * provides its own English MatDatepickerIntl to whoever imports it, hiding provideMaterialTexts().
 */
export const VT_DATEPICKER = [MatDatepicker, MatDatepickerInput, MatDatepickerToggle] as const;
