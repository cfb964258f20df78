import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LANGUAGE_STORAGE_KEY } from '@vanthu/web/i18n';

import { provideVanthuIcons } from './icons';
import { PinForm, PinSaver } from './pin-form';

@Component({
  imports: [PinForm],
  template: `<vt-pin-form keyName="Nguyễn Văn Hùng" [hasPin]="hasPin()" [save]="save" (saved)="saved = saved + 1" />`,
})
class Host {
  readonly hasPin = signal(false);
  save: PinSaver = async () => null;
  saved = 0;
}

describe('PinForm', () => {
  async function render(hasPin: boolean, save: PinSaver) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.hasPin.set(hasPin);
    fixture.componentInstance.save = save;
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture;
  }

  function type(element: HTMLElement, testId: string, value: string): void {
    const input = element.querySelector<HTMLInputElement>(`[data-testid=${testId}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideVanthuIcons()] });
  });

  it('asks only for the new PIN twice when the key has none, and saves it', async () => {
    const save = jest.fn().mockResolvedValue(null);
    const fixture = await render(false, save);
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[data-testid=pin-current]')).toBeNull();
    type(element, 'pin-new', '842913');
    type(element, 'pin-repeat', '842913');
    element.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle(fixture);
    expect(save).toHaveBeenCalledWith({ newPin: '842913' });
    expect(fixture.componentInstance.saved).toBe(1);
  });

  it('refuses two different new PINs before asking the server', async () => {
    const save = jest.fn();
    const fixture = await render(false, save);
    const element = fixture.nativeElement as HTMLElement;
    type(element, 'pin-new', '842913');
    type(element, 'pin-repeat', '842914');
    element.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle(fixture);
    expect(save).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Hai lần nhập mã PIN mới không giống nhau.');
  });

  it('asks for the current PIN of a key that has one and shows the server’s refusal', async () => {
    const save = jest.fn().mockResolvedValue({ vi: 'Mã PIN không đúng. Còn 4 lần thử.', en: 'Wrong PIN. 4 tries left.' });
    const fixture = await render(true, save);
    const element = fixture.nativeElement as HTMLElement;
    element.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle(fixture);
    expect(save).not.toHaveBeenCalled();
    type(element, 'pin-current', '000000');
    type(element, 'pin-new', '905718');
    type(element, 'pin-repeat', '905718');
    element.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle(fixture);
    expect(save).toHaveBeenCalledWith({ currentPin: '000000', newPin: '905718' });
    expect(element.querySelector('[data-testid=pin-error]')?.textContent).toContain('Còn 4 lần thử');
    expect(fixture.componentInstance.saved).toBe(0);
  });
});
