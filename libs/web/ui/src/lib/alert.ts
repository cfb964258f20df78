import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** An error message block, announced by screen readers as soon as it appears. */
@Component({
  selector: 'vt-alert',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert', class: 'vt-alert' },
  template: `<mat-icon svgIcon="error" aria-hidden="true" /><div class="vt-alert__body"><ng-content /></div>`,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }
    mat-icon {
      flex: none;
    }
    .vt-alert__body {
      padding-top: 2px;
    }
  `,
})
export class Alert {}
