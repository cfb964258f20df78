import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  headers: Map<string, string>;
}

/** A refusal the server answers DATA with, as a real server would (e.g. 554 or 451). */
export interface Refusal {
  code: number;
  message: string;
}

/**
 * A real SMTP server (smtp-server) on a free local port that records every message it accepts,
 * and can refuse mail or hold each message before accepting it.
 */
export class TestSmtpServer {
  readonly accepted: ReceivedMail[] = [];
  /** Every DATA received, accepted or refused. */
  attempts = 0;
  /** Messages whose DATA began (also those still being received or held). */
  started = 0;
  refusal: Refusal | null = null;
  /** Time each message waits before the server answers 250. */
  acceptDelayMs = 0;
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<string> {
    const gone = new Set<string>();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose: (session) => gone.add(session.id),
      onData: (stream, session, callback) => {
        this.started += 1;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.attempts += 1;
          const refusal = this.refusal;
          if (refusal) {
            callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
            return;
          }
          const accept = () => {
            // A message counts as accepted when the server answers 250; a client gone before that
            // never hears it, and the message is dropped here (a held message is not delivered).
            if (gone.has(session.id)) {
              callback(new Error('Client gone'));
              return;
            }
            this.accepted.push(parseMail(Buffer.concat(chunks).toString('latin1'), session.envelope.rcptTo.map((r) => r.address)));
            callback(null);
          };
          if (this.acceptDelayMs) setTimeout(accept, this.acceptDelayMs);
          else accept();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.accepted.filter((mail) => mail.to.includes(address));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// ---- A small MIME reader: enough for nodemailer's text + html messages.

function splitHead(raw: string): { head: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const headText = (at < 0 ? raw : raw.slice(0, at)).replace(/\r\n[ \t]+/g, ' ');
  const head = new Map<string, string>();
  for (const line of headText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) head.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { head, body: at < 0 ? '' : raw.slice(at + 4) };
}

function quotedPrintableBytes(text: string): Buffer {
  const clean = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i++) {
    if (clean[i] === '=' && /^[0-9A-F]{2}$/i.test(clean.slice(i + 1, i + 3))) {
      bytes.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(clean.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words, joining adjacent ones byte-wise (a character may span two). */
export function decodeHeader(value: string): string {
  const words = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  const flush = () => {
    if (pending.length) out += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  for (const match of value.matchAll(words)) {
    const between = value.slice(last, match.index);
    if (!/^\s*$/.test(between) || !pending.length) {
      flush();
      out += Buffer.from(between, 'latin1').toString('utf8');
    }
    const [, , encoding, text] = match;
    pending.push(encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintableBytes(text.replace(/_/g, ' ')));
    last = (match.index ?? 0) + match[0].length;
  }
  flush();
  return out + Buffer.from(value.slice(last), 'latin1').toString('utf8');
}

function decodeBody(head: Map<string, string>, body: string): string {
  const encoding = (head.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return quotedPrintableBytes(body).toString('utf8');
  return Buffer.from(body, 'latin1').toString('utf8');
}

function parts(head: Map<string, string>, body: string): Array<{ type: string; text: string }> {
  const type = head.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [{ type: type.split(';')[0].toLowerCase(), text: decodeBody(head, body) }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => {
      const part = splitHead(chunk.replace(/^\r\n/, ''));
      return parts(part.head, part.body.replace(/\r\n$/, ''));
    });
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const { head, body } = splitHead(raw);
  const all = parts(head, body);
  return {
    to,
    from: decodeHeader(head.get('from') ?? ''),
    subject: decodeHeader(head.get('subject') ?? ''),
    messageId: head.get('message-id') ?? '',
    text: all.find((p) => p.type === 'text/plain')?.text ?? '',
    html: all.find((p) => p.type === 'text/html')?.text ?? '',
    headers: head,
  };
}
