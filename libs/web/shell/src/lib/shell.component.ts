import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { I18n, Language, LOGIN_PATH, SessionStore, TranslatePipe } from '@vanthu/web/core';
import { LanguageOption, LanguageSwitch } from '@vanthu/web/ui';
import { map } from 'rxjs';
import { ChangePasswordDialog } from './change-password.dialog';
import { visibleNavItems } from './navigation';

// Below this width the side navigation floats over the page and the toolbar folds the
// account into a menu: phones, and tablets held upright.
const NARROW_QUERY = '(max-width: 959.98px)';

/** The frame of every page once logged in: toolbar, side navigation by permission, content. */
@Component({
  selector: 'vt-shell',
  imports: [
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslatePipe,
    LanguageSwitch,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly i18n = inject(I18n);

  protected readonly user = this.session.user;
  protected readonly navItems = computed(() => visibleNavItems(this.session.permissions()));
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly languageOptions = computed<LanguageOption<Language>[]>(() => [
    { value: 'vi', label: this.i18n.t('language.vi') },
    { value: 'en', label: this.i18n.t('language.en') },
  ]);

  protected setLanguage(language: string): void {
    this.i18n.setLanguage(language as Language);
  }

  protected closeIfNarrow(sidenav: MatSidenav): void {
    if (this.narrow()) void sidenav.close();
  }

  protected changePassword(): void {
    this.dialog
      .open<ChangePasswordDialog, void, boolean>(ChangePasswordDialog, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((changed) => {
        if (changed) {
          this.snackBar.open(this.i18n.t('password.changed'), this.i18n.t('common.close'), { duration: 5000 });
        }
      });
  }

  protected async logout(): Promise<void> {
    try {
      await this.session.logout();
    } catch {
      // Already logged out on the server, or unreachable: the browser has forgotten the user either way.
    }
    await this.router.navigateByUrl(LOGIN_PATH);
  }
}
