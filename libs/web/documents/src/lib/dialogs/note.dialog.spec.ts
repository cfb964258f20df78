import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { DocumentDetail, ErrorCode } from '@vanthu/shared/contracts';
import { I18n, LANGUAGE_STORAGE_KEY } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { HttpErrorResponse } from '@angular/common/http';
import { incomingDetail } from '../testing';
import { NoteDialog, NoteDialogData } from './note.dialog';

describe('NoteDialog', () => {
  let closedWith: DocumentDetail | undefined | 'open';

  async function open(run: NoteDialogData['run'], required = true): Promise<void> {
    closedWith = 'open';
    TestBed.inject(MatDialog)
      .open<NoteDialog, NoteDialogData, DocumentDetail>(NoteDialog, {
        data: { title: 'action.complete', label: 'dialog.completeNote', confirm: 'action.complete', required, run },
      })
      .afterClosed()
      .subscribe((result) => (closedWith = result));
    await settle();
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  const text = () => document.querySelector<HTMLTextAreaElement>('[data-testid=note-text]')!;
  const confirm = () => document.querySelector<HTMLButtonElement>('[data-testid=note-confirm]')!;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideVanthuIcons(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('sends the text and closes with the updated document', async () => {
    const run = jest.fn().mockResolvedValue(incomingDetail({ id: 3 }));
    await open(run);
    text().value = 'Đã triển khai xong';
    text().dispatchEvent(new Event('input'));
    confirm().click();
    await settle();
    expect(run).toHaveBeenCalledWith('Đã triển khai xong');
    expect(closedWith).toEqual(expect.objectContaining({ id: 3 }));
  });

  it('keeps what was typed and shows the refusal in the chosen language when the server says no', async () => {
    TestBed.inject(I18n).setLanguage('en');
    const run = jest.fn().mockRejectedValue(
      new HttpErrorResponse({
        status: 409,
        error: { statusCode: 409, code: ErrorCode.Conflict, message: { vi: 'Văn bản đã hoàn thành.', en: 'Already completed.' } },
      }),
    );
    await open(run);
    text().value = 'Báo cáo kết quả';
    text().dispatchEvent(new Event('input'));
    confirm().click();
    await settle();
    expect(document.querySelector('vt-note-dialog [role=alert]')?.textContent).toContain('Already completed.');
    expect(text().value).toBe('Báo cáo kết quả');
    expect(closedWith).toBe('open');
  });

  it('asks for the text when it is required, without calling the server', async () => {
    const run = jest.fn();
    await open(run);
    confirm().click();
    await settle();
    expect(run).not.toHaveBeenCalled();
    expect(document.querySelector('vt-note-dialog')?.textContent).toContain('Vui lòng nhập nội dung.');
  });
});
