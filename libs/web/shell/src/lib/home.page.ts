import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { I18n, SessionStore, TranslatePipe } from '@vanthu/web/core';
import { ROLE_LABELS, visibleNavItems } from './navigation';

/** The start page: greets the user by name and offers what their roles open. */
@Component({
  selector: 'vt-home-page',
  imports: [MatCardModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (user(); as user) {
      <section class="home">
        <h1 class="home__greeting">{{ 'home.greeting' | t: { name: user.fullName } }}</h1>
        <p class="home__workplace">
          {{ 'home.workplace' | t: { position: user.position, organisation: user.organisation.name } }}
        </p>
        <p class="home__roles">{{ 'home.roles' | t: { roles: roles() } }}</p>

        @if (shortcuts().length) {
          <h2 class="home__subtitle">{{ 'home.shortcuts' | t }}</h2>
          <ul class="home__shortcuts">
            @for (item of shortcuts(); track item.path) {
              <li>
                <a class="home__shortcut" [routerLink]="item.path">
                  <mat-icon [svgIcon]="item.icon" aria-hidden="true" />
                  <span>{{ item.label | t }}</span>
                </a>
              </li>
            }
          </ul>
        }
      </section>
    }
  `,
  styles: `
    .home {
      max-width: 960px;
    }
    .home__greeting {
      font: var(--mat-sys-headline-medium);
      margin: 0 0 8px;
    }
    .home__workplace {
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 4px;
    }
    .home__roles {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 24px;
    }
    .home__subtitle {
      font: var(--mat-sys-title-medium);
      margin: 0 0 12px;
    }
    .home__shortcuts {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px;
    }
    .home__shortcut {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 16px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      font: var(--mat-sys-title-small);
    }
    .home__shortcut:hover,
    .home__shortcut:focus-visible {
      background: var(--mat-sys-surface-container-high);
    }
    .home__shortcut mat-icon {
      color: var(--mat-sys-primary);
    }
  `,
})
export class HomePage {
  private readonly session = inject(SessionStore);
  private readonly i18n = inject(I18n);

  protected readonly user = this.session.user;
  protected readonly roles = computed(() =>
    (this.user()?.roles ?? []).map((role) => this.i18n.t(ROLE_LABELS[role])).join(', '),
  );
  protected readonly shortcuts = computed(() => visibleNavItems(this.session.permissions()).filter((item) => item.path !== '/'));
}
