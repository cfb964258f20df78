import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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
import { Permission } from '@vanthu/shared/contracts';
import { I18n, Language, LOGIN_PATH, NotificationsStore, SessionStore, TranslatePipe, WorkCountsStore } from '@vanthu/web/core';
import { LanguageOption, LanguageSwitch } from '@vanthu/web/ui';
import { map } from 'rxjs';
import { ChangePasswordDialog } from './change-password.dialog';
import { SigningKeysDialog } from './signing-keys.dialog';
import { NotificationBell } from './notification-bell';
import { NavItem, visibleNavItems } from './navigation';

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
    NotificationBell,
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

  private readonly workCounts = inject(WorkCountsStore);
  private readonly notifications = inject(NotificationsStore);

  protected readonly user = this.session.user;
  /** Whether the user signs documents, and so may register their own token's certificate. */
  protected readonly canSign = computed(() => this.session.permissions().has(Permission.SignDocuments));
  protected readonly navItems = computed(() => visibleNavItems(this.session.permissions()));
  /** Badge numbers by path, from GET /api/documents/counts. */
  protected readonly badges = computed<Record<string, number>>(() => {
    const counts = this.workCounts.counts();
    const badges: Record<string, number> = {};
    if (!counts) return badges;
    for (const item of this.navItems()) badges[item.path] = item.badge ? item.badge(counts) : 0;
    return badges;
  });
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

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.workCounts.startPolling(destroyRef);
    this.notifications.start(destroyRef);
    // A notification means something new waits: refresh the counts at once.
    this.notifications.arrivals.pipe(takeUntilDestroyed()).subscribe(() => void this.workCounts.refresh());
  }

  protected badgeOf(item: NavItem): number {
    return this.badges()[item.path] ?? 0;
  }

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

  /** My signing keys and their PINs, which only I choose. */
  protected signingKeys(): void {
    this.dialog.open<SigningKeysDialog, void, void>(SigningKeysDialog, { maxWidth: '96vw' });
  }

  protected async logout(): Promise<void> {
    try {
      await this.session.logout();
    } catch {
      // Already logged out on the server, or unreachable: the browser has forgotten the user either way.
    }
    this.notifications.stop();
    this.workCounts.clear();
    await this.router.navigateByUrl(LOGIN_PATH);
  }
}
