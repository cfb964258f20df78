import { ExchangeGateway, GatewayError, OutgoingPacket } from './gateway';

/**
 * HTTP adapter, sending side: POSTs each packet as `application/xml` to the peer's endpoint (another
 * VănThư's `/api/exchange/packets`, or the province's LGSP) with the bearer token the peer gave us.
 * Any answer but 2xx (or 409: the peer already holds that document) is a failure, tried again later.
 */
export class HttpGateway extends ExchangeGateway {
  readonly name = 'http';

  constructor(
    private readonly url: string,
    private readonly token: string | null,
    private readonly timeoutMs = 60_000,
  ) {
    super();
  }

  async send(packet: OutgoingPacket): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: new Uint8Array(packet.bytes),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.ok || response.status === 409) return;
    const body = (await response.text().catch(() => '')).slice(0, 500);
    // A refusal of the packet itself will not change by sending it again; anything else may.
    const permanent = response.status === 400 || response.status === 413 || response.status === 422;
    throw new GatewayError(`The peer answered ${response.status}: ${body}`, permanent);
  }
}
