import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterOutlet } from '@angular/router';
import { I18n } from '@vanthu/web/core';

@Component({
  selector: 'vt-root',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<router-outlet />`,
})
export class App {
  constructor() {
    const i18n = inject(I18n);
    const title = inject(Title);
    effect(() => title.setTitle(`${i18n.t('app.name')} — ${i18n.t('app.tagline')}`));
  }
}
