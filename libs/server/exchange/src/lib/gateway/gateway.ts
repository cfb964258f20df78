/** A packet on its way out, as a gateway adapter sends it. */
export interface OutgoingPacket {
  id: string;
  kind: 'document' | 'status';
  fromOrganId: string;
  toOrganId: string | null;
  sha256: string;
  bytes: Buffer;
}

/**
 * One gateway, several adapters: where our packets go (a folder another system or a transfer
 * agent reads, or an HTTP endpoint). `send` either delivers the packet or throws; a packet is
 * marked sent only after it returned, so a failure or a crash means it is sent again later, and
 * each adapter makes a second delivery of the same packet harmless (same file name; the
 * receiver's duplicate check by content).
 */
export abstract class ExchangeGateway {
  abstract readonly name: string;
  abstract send(packet: OutgoingPacket): Promise<void>;
}

/** A failed delivery; `permanent` when the receiver refused the packet itself (sending it again would not help). */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** No gateway configured: packets stay pending until one is. */
export class NoGateway extends ExchangeGateway {
  readonly name = 'none';
  async send(): Promise<void> {
    throw new Error('No exchange gateway is configured (EXCHANGE_GATEWAY)');
  }
}

/** The file name a packet gets in a folder: stable, so that writing it twice leaves one file. */
export function packetFileName(p: Pick<OutgoingPacket, 'id' | 'fromOrganId' | 'toOrganId' | 'sha256'>): string {
  const safe = (s: string) => s.replace(/[^0-9A-Za-z.]/g, '_');
  return `${safe(p.fromOrganId)}_${safe(p.toOrganId ?? 'all')}_${p.id}_${p.sha256.slice(0, 16)}.xml`;
}
