import { Component, provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatPaginatorModule } from '@angular/material/paginator';
import { I18n, LANGUAGE_STORAGE_KEY } from '@vanthu/web/i18n';

import { provideMaterialTexts, VT_DATEPICKER } from './material-texts';

@Component({
  imports: [MatPaginatorModule, ...VT_DATEPICKER],
  template: `
    <mat-paginator [length]="37" [pageSize]="20" [pageIndex]="0" [hidePageSize]="true" [showFirstLastButtons]="true" />
    <mat-datepicker-toggle [for]="picker" /><mat-datepicker #picker />
  `,
})
class Host {}

describe('Angular Material texts', () => {
  let fixture: ComponentFixture<Host>;
  const el = () => fixture.nativeElement as HTMLElement;
  const range = () => el().querySelector('.mat-mdc-paginator-range-label')?.textContent?.trim();
  const labels = () => Array.from(el().querySelectorAll('button[aria-label]')).map((b) => b.getAttribute('aria-label'));

  beforeEach(async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideNativeDateAdapter(), provideMaterialTexts()] });
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  it('speak Vietnamese by default: the paginator range and the buttons screen readers announce', () => {
    expect(range()).toBe('1–20 trong tổng số 37');
    expect(labels()).toEqual(expect.arrayContaining(['Trang đầu', 'Trang trước', 'Trang sau', 'Trang cuối', 'Mở lịch']));
    expect(labels().join(' ')).not.toMatch(/page|calendar/i);
  });

  it('follow the language when English is chosen', async () => {
    TestBed.inject(I18n).setLanguage('en');
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(range()).toBe('1–20 of 37');
    expect(labels()).toEqual(expect.arrayContaining(['Next page', 'Open calendar']));
  });
});
