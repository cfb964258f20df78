import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { DeadlineStatus } from '@vanthu/shared/contracts';
import { I18n, LANGUAGE_STORAGE_KEY } from '@vanthu/web/i18n';
import { DeadlineBadge } from './deadline-badge';

@Component({
  imports: [DeadlineBadge],
  template: `<vt-deadline-badge [deadline]="deadline()" [completedAt]="completedAt()" [timeliness]="timeliness()" today="2026-03-10" />`,
})
class Host {
  readonly deadline = signal<string | null>('2026-03-13');
  readonly completedAt = signal<string | null>(null);
  readonly timeliness = signal<DeadlineStatus | null>(null);
}

describe('DeadlineBadge', () => {
  let fixture: ComponentFixture<Host>;
  const badge = () => fixture.nativeElement.querySelector('vt-deadline-badge') as HTMLElement;
  const text = () => badge().textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  it('shows the days left and the deadline in dd/MM/yyyy', () => {
    expect(text()).toBe('còn 3 ngày Hạn 13/03/2026');
    expect(badge().dataset['status']).toBe('in-progress');
  });

  it('warns when the deadline is at most two days away, and says "today" on the day', async () => {
    fixture.componentInstance.deadline.set('2026-03-11');
    await fixture.whenStable();
    expect(badge().dataset['status']).toBe('soon');
    fixture.componentInstance.deadline.set('2026-03-10');
    await fixture.whenStable();
    expect(text()).toBe('hết hạn hôm nay Hạn 10/03/2026');
  });

  it('marks an open item past its deadline day as overdue, with the days over', async () => {
    fixture.componentInstance.deadline.set('2026-03-06');
    await fixture.whenStable();
    expect(text()).toBe('Quá hạn · quá 4 ngày Hạn 06/03/2026');
    expect(badge().classList).toContain('vt-deadline--overdue');
  });

  it('classifies a completion in Vietnam time: 23:30 on the deadline day (16:30 UTC) is on time', async () => {
    fixture.componentInstance.deadline.set('2026-03-06');
    fixture.componentInstance.completedAt.set('2026-03-06T16:30:00.000Z');
    await fixture.whenStable();
    expect(text()).toContain('Đúng hạn');
    fixture.componentInstance.completedAt.set('2026-03-06T17:30:00.000Z');
    await fixture.whenStable();
    expect(text()).toContain('Trễ hạn');
  });

  it("prefers the server's classification and speaks English when chosen", async () => {
    TestBed.inject(I18n).setLanguage('en');
    fixture.componentInstance.timeliness.set(DeadlineStatus.Early);
    await fixture.whenStable();
    expect(text()).toBe('Early Due 13/03/2026');
  });

  it('says so when there is no deadline', async () => {
    fixture.componentInstance.deadline.set(null);
    await fixture.whenStable();
    expect(text()).toBe('Không có hạn');
  });
});
