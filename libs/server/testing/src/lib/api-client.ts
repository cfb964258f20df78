import { ClientRequest, IncomingHttpHeaders, IncomingMessage, request as plainRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { CSRF_HEADER, SessionResponse } from '@vanthu/shared/contracts';

import { waitFor } from './wait';

export interface Session {
  cookie: string;
  csrf: string;
  user: SessionResponse['user'];
}

export interface Reply<T> {
  status: number;
  body: T;
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request over plain HTTP or HTTPS (trusting `ca` when given, e.g. a test's own nginx
 * certificate), with exactly the headers given; the body comes back as it crossed the wire.
 */
export function httpRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; ca?: string | Buffer } = {}): Promise<HttpReply> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : plainRequest;
  return new Promise((resolveReply, reject) => {
    const request = send(target, { method: options.method ?? 'GET', headers: options.headers, ca: options.ca }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolveReply({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A plain HTTP(S) client of the API, logging in as the demo users do. */
export class ApiClient {
  /** `ca`: the certificate to trust when `url` is https with a certificate of the test's own. */
  constructor(
    readonly url: string,
    readonly ca?: string | Buffer,
  ) {}

  async logIn(username: string, password = 'Demo@123'): Promise<Session> {
    const response = await httpRequest(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      ca: this.ca,
    });
    if (response.status !== 200) throw new Error(`Log-in of ${username} failed: ${response.status} ${response.body.toString('utf8')}`);
    const body = JSON.parse(response.body.toString('utf8')) as SessionResponse;
    const cookie = (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    return { cookie, csrf: body.csrfToken, user: body.user };
  }

  async call<T>(method: string, path: string, session?: Session, body?: unknown): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (session) {
      headers['cookie'] = session.cookie;
      headers[CSRF_HEADER] = session.csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await httpRequest(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), ca: this.ca });
    const text = response.body.toString('utf8');
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

export interface StreamEvent {
  type: string;
  id: string | null;
  data: unknown;
}

/** A browser tab's EventSource, over a real HTTP connection with the session cookie. */
export class SseClient {
  readonly events: StreamEvent[] = [];
  private buffer = '';

  private constructor(
    private readonly request: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
  }

  /** Opens the stream as a browser does (it accepts compressed answers); `ca` as for {@link ApiClient}. */
  static open(url: string, session: Session, ca?: string | Buffer): Promise<SseClient> {
    const target = new URL(`${url}/api/notifications/stream`);
    const send = target.protocol === 'https:' ? httpsRequest : plainRequest;
    return new Promise((resolveClient, reject) => {
      const headers = { cookie: session.cookie, accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' };
      const request = send(target, { headers, ca }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`Stream refused: ${response.statusCode}`));
          return;
        }
        resolveClient(new SseClient(request, response));
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** Waits for the first event (from the start of the stream) matching `test`. */
  next<T>(test: (event: StreamEvent) => boolean, timeoutMs = 30_000): Promise<StreamEvent & { data: T }> {
    return waitFor(async () => this.events.find(test) as (StreamEvent & { data: T }) | undefined, timeoutMs, 20);
  }

  ofType(type: string): StreamEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  close(): void {
    this.request.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let type = 'message';
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || !line) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data.push(value);
      }
      if (!data.length) continue;
      const text = data.join('\n');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // plain text data
      }
      this.events.push({ type, id, data: parsed });
    }
  }
}

/** The body of a successful (200 or 201) reply; anything else fails with what the server said. */
export async function ok<T>(reply: Promise<Reply<T>>): Promise<T> {
  const { status, body } = await reply;
  if (status !== 200 && status !== 201) throw new Error(`Request failed: ${status} ${JSON.stringify(body)}`);
  return body;
}
