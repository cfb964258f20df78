import { Logger } from '@nestjs/common';
import { DomainError } from '@vanthu/server/core';

/**
 * What the pull client does with a packet it fetched: import it (throwing PacketRefused to refuse
 * it; a retryable refusal — status 503, such as a revoke that overtook its document — leaves it
 * unacknowledged, to be fetched again on a later pass). `final`: the last attempt at this packet.
 */
export type PacketReceiver = (bytes: Buffer, final: boolean) => Promise<unknown>;

/**
 * The HTTP adapter's pull client: fetches the packets waiting for us at a configured URL (another
 * VănThư's `/api/exchange/pull`, or an LGSP endpoint speaking the same): `GET url` answers one
 * packet (200, `X-Packet-Id`) or nothing (204). A packet is acknowledged (`POST url/<id>/ack`)
 * only after its import committed — or with the refusal, so that a bad packet is not fetched
 * forever. A crash between the two fetches the packet again, and importing the same bytes twice
 * changes nothing.
 */
export class PullClient {
  private readonly logger = new Logger('PullClient');

  constructor(
    private readonly url: string,
    private readonly token: string | null,
    private readonly timeoutMs = 60_000,
    private readonly maxAttempts = 8,
  ) {}

  /** Attempts at packets refused retryably, by packet id (this process's memory; a restart starts again). */
  private readonly attempts = new Map<string, number>();

  /** Fetches and imports packets until none wait (or `max`); returns how many were acknowledged. */
  async pullAll(receive: PacketReceiver, max = 50): Promise<number> {
    let done = 0;
    while (done < max) {
      const response = await fetch(this.url, { headers: this.headers(), signal: AbortSignal.timeout(this.timeoutMs) });
      if (response.status === 204) break;
      if (!response.ok) throw new Error(`The peer answered ${response.status} to a pull`);
      const id = response.headers.get('x-packet-id');
      if (!id || !/^\d{1,19}$/.test(id)) throw new Error('The peer sent a packet without X-Packet-Id');
      const bytes = Buffer.from(await response.arrayBuffer());
      let refusal: { code: string; vi: string; en: string } | null = null;
      const attempt = (this.attempts.get(id) ?? 0) + 1;
      try {
        await receive(bytes, attempt >= this.maxAttempts);
        this.attempts.delete(id);
      } catch (error) {
        // A refusal of the packet itself: a PacketRefused, or a file the document route refuses (damaged PDF, active content).
        if (!(error instanceof DomainError) || (error.status >= 500 && error.status !== 503)) throw error;
        if (error.status === 503) {
          // Not acknowledged: the peer keeps it and it is fetched again on a later pass.
          this.attempts.set(id, attempt);
          this.logger.log(`Pulled packet ${id} waits (attempt ${attempt} of ${this.maxAttempts}): ${error.text.en}`);
          break;
        }
        this.attempts.delete(id);
        refusal = { code: error.code, ...error.text };
        this.logger.warn(`Pulled packet ${id} refused: ${error.text.en}`);
      }
      const ack = await fetch(`${this.url.replace(/\/$/, '')}/${id}/ack`, {
        method: 'POST',
        headers: { ...this.headers(), 'content-type': 'application/json' },
        body: JSON.stringify(refusal ? { refused: refusal } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!ack.ok) throw new Error(`The peer answered ${ack.status} to the acknowledgement of packet ${id}`);
      done++;
    }
    return done;
  }

  private headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }
}
