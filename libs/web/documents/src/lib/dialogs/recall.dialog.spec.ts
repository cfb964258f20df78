import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { DocumentDetail, RecallKind } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';

import { incomingDetail } from '../testing';
import { RecallDialog, RecallDialogData } from './recall.dialog';

describe('RecallDialog', () => {
  let closedWith: DocumentDetail | undefined | 'open';

  async function open(data: Partial<RecallDialogData>): Promise<void> {
    closedWith = 'open';
    TestBed.inject(MatDialog)
      .open<RecallDialog, RecallDialogData, DocumentDetail>(RecallDialog, { data: { direct: false, run: jest.fn(), external: [], ...data } })
      .afterClosed()
      .subscribe((result) => (closedWith = result));
    await settle();
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideVanthuIcons(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  const external = () => document.querySelector('[data-testid=recall-external]');

  it('names the external recipients that will get the matching edXML packet', async () => {
    await open({
      external: [
        { id: 1, identifierCode: '000.00.00.H41', name: 'UBND tỉnh Lâm Đồng' },
        { id: 2, identifierCode: '000.01.31.H41', name: 'Sở Nội vụ tỉnh Lâm Đồng' },
      ],
    });
    const text = external()?.textContent ?? '';
    expect(text).toContain('Nơi nhận ngoài hệ thống cũng nhận gói tin liên thông (edXML)');
    expect(Array.from(external()?.querySelectorAll('li') ?? []).map((li) => li.textContent?.trim())).toEqual(['UBND tỉnh Lâm Đồng (000.00.00.H41)', 'Sở Nội vụ tỉnh Lâm Đồng (000.01.31.H41)']);
  });

  it('says nothing of external recipients when there are none, and sends the kind and reason', async () => {
    const run = jest.fn().mockResolvedValue(incomingDetail({ id: 5 }));
    await open({ run });
    expect(external()).toBeNull();
    const reason = document.querySelector<HTMLTextAreaElement>('[data-testid=recall-reason]')!;
    reason.value = 'Sai thời gian';
    reason.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-testid=recall-confirm]')!.click();
    await settle();
    expect(run).toHaveBeenCalledWith({ kind: RecallKind.Revoke, reason: 'Sai thời gian' });
    await settle();
    expect(closedWith).toMatchObject({ id: 5 });
  });
});
