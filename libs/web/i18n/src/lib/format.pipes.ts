import { inject, Pipe, PipeTransform } from '@angular/core';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '@vanthu/shared/domain';
import { I18n } from './i18n';

/** `{{ doc.receivedAt | vtDate }}`: dd/MM/yyyy in Vietnam time, whatever the browser's zone. */
@Pipe({ name: 'vtDate' })
export class VtDatePipe implements PipeTransform {
  transform(value: string | Date | null | undefined): string {
    if (!value) return '';
    return formatDate(typeof value === 'string' && value.length > 10 ? new Date(value) : value);
  }
}

/** `{{ entry.at | vtDateTime }}`: dd/MM/yyyy HH:mm in Vietnam time. */
@Pipe({ name: 'vtDateTime' })
export class VtDateTimePipe implements PipeTransform {
  transform(value: string | Date | null | undefined): string {
    if (!value) return '';
    return formatDateTime(typeof value === 'string' ? new Date(value) : value);
  }
}

/** `{{ count | vtNumber }}`: 1.234,5 in Vietnamese, 1,234.5 in English. Impure: follows the language. */
@Pipe({ name: 'vtNumber', pure: false })
export class VtNumberPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(value: number | null | undefined, maximumFractionDigits = 1): string {
    if (value === null || value === undefined) return '';
    return formatNumber(value, this.i18n.language(), { maximumFractionDigits });
  }
}

/** `{{ rate | vtPercent }}`: a ratio 0…1 as 96,3%; an em dash when there is no rate. */
@Pipe({ name: 'vtPercent', pure: false })
export class VtPercentPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(value: number | null | undefined): string {
    if (value === null || value === undefined) return '—';
    return formatPercent(value, this.i18n.language());
  }
}
