import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { LANGUAGE_STORAGE_KEY } from '@vanthu/web/i18n';

import { provideVanthuIcons } from './icons';
import { PinDialog, PinDialogData } from './pin.dialog';

describe('PinDialog', () => {
  let closedWith: boolean | undefined | 'open';

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  async function open(save: PinDialogData['save'], hasPin: boolean): Promise<void> {
    closedWith = 'open';
    TestBed.inject(MatDialog)
      .open<PinDialog, PinDialogData, boolean>(PinDialog, { data: { keyName: 'Nguyễn Văn Hùng', hasPin, save } })
      .afterClosed()
      .subscribe((result) => (closedWith = result));
    await settle();
  }

  function type(testId: string, value: string): void {
    const input = document.querySelector<HTMLInputElement>(`[data-testid=${testId}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideVanthuIcons(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }] });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('asks only for the new PIN twice when the key has none, and saves it', async () => {
    const save = jest.fn().mockResolvedValue(null);
    await open(save, false);
    expect(document.querySelector('[data-testid=pin-current]')).toBeNull();
    type('pin-new', '842913');
    type('pin-repeat', '842913');
    document.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle();
    expect(save).toHaveBeenCalledWith({ newPin: '842913' });
    expect(closedWith).toBe(true);
  });

  it('refuses two different new PINs before asking the server', async () => {
    const save = jest.fn();
    await open(save, false);
    type('pin-new', '842913');
    type('pin-repeat', '842914');
    document.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle();
    expect(save).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain('Hai lần nhập mã PIN mới không giống nhau.');
  });

  it('asks for the current PIN of a key that has one and shows the server’s refusal', async () => {
    const save = jest.fn().mockResolvedValue({ vi: 'Mã PIN không đúng. Còn 4 lần thử.', en: 'Wrong PIN. 4 tries left.' });
    await open(save, true);
    type('pin-current', '000000');
    type('pin-new', '905718');
    type('pin-repeat', '905718');
    document.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle();
    expect(save).toHaveBeenCalledWith({ currentPin: '000000', newPin: '905718' });
    expect(document.querySelector('[data-testid=pin-error]')?.textContent).toContain('Còn 4 lần thử');
    expect(closedWith).toBe('open');
  });
});
