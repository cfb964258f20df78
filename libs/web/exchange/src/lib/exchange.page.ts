import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { ExchangePacketView, Permission } from '@vanthu/shared/contracts';
import { ApiFailure, ExchangeApi, LocalizedPipe, MessageKey, SessionStore, toApiFailure, TranslatePipe, VtDateTimePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

import { ReasonDialog, ReasonDialogData } from './refuse.dialog';

type Box = 'inbox' | 'outbox';

/** Documents from outside that the clerk may still refuse (02): not yet handled. */
const REFUSABLE = ['received', 'registered', 'submitted'];

/**
 * The clerk's exchange with other systems: packets received (new documents, revokes, updates,
 * statuses; duplicate warnings; take-back requests to answer) and packets sent with their state.
 * A document that came from outside can be refused here with a reason that goes back as 02.
 */
@Component({
  selector: 'vt-exchange-page',
  imports: [MatButtonModule, MatButtonToggleModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe, LocalizedPipe, VtDateTimePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exchange.page.html',
  styleUrl: './exchange.page.scss',
})
export class ExchangePage implements OnInit {
  private readonly api = inject(ExchangeApi);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionStore);

  protected readonly canReceive = computed(() => this.session.canAny([Permission.RegisterIncoming]));
  protected readonly canSend = computed(() => this.session.canAny([Permission.DispatchDocuments]));
  protected readonly box = signal<Box>(this.session.canAny([Permission.RegisterIncoming]) ? 'inbox' : 'outbox');
  protected readonly packets = signal<ExchangePacketView[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected async show(box: Box): Promise<void> {
    this.box.set(box);
    await this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.failure.set(null);
    try {
      const page = await firstValueFrom(this.api.packets(this.box(), { pageSize: 100 }));
      this.packets.set(page.items);
      this.total.set(page.total);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected kindKey(p: ExchangePacketView): MessageKey {
    return p.kind === 'status' ? 'exchange.kind.status' : (`exchange.business.${p.businessType ?? 0}` as MessageKey);
  }

  protected statusKey(code: string): MessageKey {
    return `exchange.status.${code}` as MessageKey;
  }

  protected outcomeKey(p: ExchangePacketView): MessageKey {
    return `exchange.outcome.${p.outcome}` as MessageKey;
  }

  protected refusable(p: ExchangePacketView): boolean {
    return p.kind === 'document' && p.outcome === 'imported' && p.documentId !== null && REFUSABLE.includes(p.documentStatus ?? '');
  }

  protected packetUrl(p: ExchangePacketView): string {
    return this.api.packetUrl(p.id);
  }

  protected refuse(p: ExchangePacketView): void {
    const documentId = p.documentId;
    if (documentId === null) return;
    const data: ReasonDialogData = {
      title: 'exchange.refuse.title',
      hint: 'exchange.refuse.hint',
      confirm: 'exchange.confirmRefuse',
      subject: `${p.symbol ?? ''} — ${p.subject ?? ''}`,
      run: (reason) => firstValueFrom(this.api.refuse(documentId, reason)),
    };
    this.dialog
      .open(ReasonDialog, { data })
      .afterClosed()
      .subscribe((done) => {
        if (done) void this.load();
      });
  }

  protected async agree(p: ExchangePacketView): Promise<void> {
    if (p.documentId === null) return;
    try {
      await firstValueFrom(this.api.answerTakeBack(p.documentId, { agree: true }));
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected disagree(p: ExchangePacketView): void {
    const documentId = p.documentId;
    if (documentId === null) return;
    const data: ReasonDialogData = {
      title: 'exchange.disagree',
      hint: 'exchange.takeBackRequested',
      confirm: 'exchange.disagree',
      subject: `${p.symbol ?? ''} — ${p.from.name}`,
      run: (reason) => firstValueFrom(this.api.answerTakeBack(documentId, { agree: false, reason })),
    };
    this.dialog
      .open(ReasonDialog, { data })
      .afterClosed()
      .subscribe((done) => {
        if (done) void this.load();
      });
  }
}
