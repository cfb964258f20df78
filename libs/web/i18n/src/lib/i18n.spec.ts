import { Component, DOCUMENT, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n, LANGUAGE_STORAGE_KEY, localize } from './i18n';
import { MESSAGES_EN } from './messages.en';
import { MESSAGES_VI } from './messages.vi';
import { LocalizedPipe, TranslatePipe } from './translate.pipe';

@Component({
  imports: [TranslatePipe, LocalizedPipe],
  template: `<h1>{{ 'nav.incoming' | t }}</h1>
    <p>{{ 'home.greeting' | t: { name: 'Lan' } }}</p>
    <span>{{ text | localized }}</span>`,
})
class HostComponent {
  readonly text = { vi: 'Xin chào', en: 'Hello' };
}

describe('I18n', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  });

  it('speaks Vietnamese when nothing was chosen before', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.language()).toBe('vi');
    expect(i18n.t('nav.incoming')).toBe('Văn bản đến');
  });

  it('remembers the chosen language in localStorage and starts with it next time', () => {
    TestBed.inject(I18n).setLanguage('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    expect(TestBed.inject(I18n).t('nav.incoming')).toBe('Incoming documents');
  });

  it('ignores a stored value that is not a language it speaks', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(TestBed.inject(I18n).language()).toBe('vi');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.t('home.greeting', { name: 'Nguyễn Văn A' })).toBe('Xin chào, Nguyễn Văn A!');
    expect(i18n.t('home.greeting')).toBe('Xin chào, {name}!');
  });

  it('sets <html lang> to the current language', () => {
    const i18n = TestBed.inject(I18n);
    TestBed.tick();
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('vi');
    i18n.setLanguage('en');
    TestBed.tick();
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });

  it('gives bilingual texts for messages kept for later', () => {
    expect(localize('error.unexpected', { status: 500 })).toEqual({
      vi: 'Đã xảy ra lỗi (mã 500). Vui lòng thử lại sau.',
      en: 'Something went wrong (code 500). Please try again later.',
    });
  });

  it('has the same keys in both dictionaries, none of them empty', () => {
    expect(Object.keys(MESSAGES_EN).sort()).toEqual(Object.keys(MESSAGES_VI).sort());
    for (const text of [...Object.values(MESSAGES_VI), ...Object.values(MESSAGES_EN)]) {
      expect(text.trim()).not.toBe('');
    }
  });

  it('re-renders templates that use the pipes when the language changes', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h1')?.textContent).toBe('Văn bản đến');
    expect(element.querySelector('p')?.textContent).toBe('Xin chào, Lan!');
    expect(element.querySelector('span')?.textContent).toBe('Xin chào');

    TestBed.inject(I18n).setLanguage('en');
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Incoming documents');
    expect(element.querySelector('p')?.textContent).toBe('Hello, Lan!');
    expect(element.querySelector('span')?.textContent).toBe('Hello');
  });
});
