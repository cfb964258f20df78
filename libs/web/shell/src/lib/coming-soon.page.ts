import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { MessageKey, TranslatePipe } from '@vanthu/web/core';

/** Stands in for a page that a later release fills (incoming, outgoing, reports, administration). */
@Component({
  selector: 'vt-coming-soon-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="coming-soon">
      <h1 class="coming-soon__page">{{ title() | t }}</h1>
      <div class="coming-soon__panel">
        <mat-icon svgIcon="hourglass" aria-hidden="true" />
        <div>
          <h2>{{ 'comingSoon.title' | t }}</h2>
          <p>{{ 'comingSoon.body' | t: { page: (title() | t) } }}</p>
          <a mat-stroked-button routerLink="/">{{ 'comingSoon.back' | t }}</a>
        </div>
      </div>
    </section>
  `,
  styles: `
    .coming-soon__page {
      font: var(--mat-sys-headline-medium);
      margin: 0 0 16px;
    }
    .coming-soon__panel {
      display: flex;
      gap: 16px;
      align-items: flex-start;
      max-width: 720px;
      padding: 24px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .coming-soon__panel mat-icon {
      flex: none;
      width: 40px;
      height: 40px;
      color: var(--mat-sys-primary);
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
    p {
      font: var(--mat-sys-body-large);
      margin: 0 0 16px;
    }
  `,
})
export class ComingSoonPage {
  /** The page's name, from the route's data. */
  readonly title = input.required<MessageKey>();
}
