import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import { ApiFailure, I18n, Language, LocalizedPipe, SessionStore, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert, LanguageSwitch, LanguageOption } from '@vanthu/web/ui';

/** The login page: username, password, and the API's own words when it refuses. */
@Component({
  selector: 'vt-login-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    TranslatePipe,
    LocalizedPipe,
    Alert,
    LanguageSwitch,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly i18n = inject(I18n);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });

  protected readonly submitting = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly passwordVisible = signal(false);

  protected readonly languageOptions = computed<LanguageOption<Language>[]>(() => [
    { value: 'vi', label: this.i18n.t('language.vi') },
    { value: 'en', label: this.i18n.t('language.en') },
  ]);

  protected setLanguage(language: string): void {
    this.i18n.setLanguage(language as Language);
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    // Usernames are typed on phones too, where a trailing space or capital is easy to add.
    const { username, password } = this.form.getRawValue();
    try {
      await this.session.login({ username: username.trim(), password });
      await this.router.navigateByUrl(this.returnUrl());
    } catch (error) {
      // The form keeps what was typed: only the message changes.
      this.failure.set(toApiFailure(error));
    } finally {
      this.submitting.set(false);
    }
  }

  private returnUrl(): string {
    const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
    // Only paths inside the app: never an absolute URL an attacker could put in a link.
    return returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/';
  }
}
