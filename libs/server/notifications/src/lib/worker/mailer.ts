import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/** E-mails sent at once by one worker; also the SMTP connections it keeps open. */
export const EMAIL_CONCURRENCY = 5;

export interface OutgoingEmail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  eventId: string;
}

/** Transport options from SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://host:465`. */
export function smtpOptions(url: string): SMTPPool.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    pool: true,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    maxConnections: EMAIL_CONCURRENCY,
    maxMessages: 100,
    // Bounded, so that a stuck server fails a job (and it is retried) instead of holding it forever.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

/** The domain of MAIL_FROM, for Message-IDs. */
function mailDomain(from: string): string {
  const match = /@([^<>@\s]+)>?\s*$/.exec(from);
  return match ? match[1] : 'localhost';
}

/** Sends notification e-mails over SMTP (nodemailer); off when SMTP_URL is unset. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | null;
  readonly domain: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = config.notifications.smtpUrl;
    this.transport = url ? createTransport(smtpOptions(url)) : null;
    this.domain = mailDomain(config.notifications.mailFrom);
    if (!this.transport) this.logger.warn('SMTP_URL is not set: e-mail notifications are off and recorded as skipped');
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /**
   * The same Message-ID for every attempt at the same (event, recipient): should a worker die
   * between the server's acceptance and our record of it, the resent copy carries the same id,
   * which mail clients use to show one message.
   */
  messageId(eventId: string, userId: number): string {
    return `<notification.${eventId}.${userId}@${this.domain}>`;
  }

  /** Resolves once the SMTP server has accepted the message (250 after DATA). */
  async send(mail: OutgoingEmail): Promise<void> {
    if (!this.transport) throw new Error('E-mail is not configured (SMTP_URL)');
    await this.transport.sendMail({
      from: this.config.notifications.mailFrom,
      to: { name: mail.to.name, address: mail.to.address },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-VanThu-Event': mail.eventId },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
