import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonToggleGroupHarness } from '@angular/material/button-toggle/testing';
import { LanguageSwitch } from './language-switch';

@Component({
  imports: [LanguageSwitch],
  template: `<vt-language-switch [(value)]="language" [options]="options" label="Ngôn ngữ" />`,
})
class Host {
  readonly language = signal('vi');
  readonly options = [
    { value: 'vi', label: 'Tiếng Việt' },
    { value: 'en', label: 'English' },
  ];
}

describe('LanguageSwitch', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] }));

  it('marks the current language and reports the one chosen', async () => {
    const fixture = TestBed.createComponent(Host);
    const group = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatButtonToggleGroupHarness);
    const [vi, en] = await group.getToggles();
    expect(await vi.isChecked()).toBe(true);
    expect(await en.isChecked()).toBe(false);

    await en.check();
    expect(fixture.componentInstance.language()).toBe('en');
    expect(await vi.isChecked()).toBe(false);
    expect(fixture.nativeElement.querySelector('[role=group], mat-button-toggle-group')?.getAttribute('aria-label')).toBe(
      'Ngôn ngữ',
    );
  });
});
