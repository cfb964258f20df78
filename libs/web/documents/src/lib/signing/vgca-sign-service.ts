import { LocalizedText, SignaturePlacement } from '@vanthu/shared/contracts';

/**
 * The VGCA Sign Service (Ban Cơ yếu Chính phủ's local signing plugin) as the browser sees it: a
 * WebSocket server on the leader's computer, `wss://127.0.0.1:8987/<function>`. A request names
 * the PDF by URL and the e-office server's upload URL; the plugin signs with the USB token, posts
 * the signed file there itself and answers with a JSON whose `Status` is 0 on success.
 *
 * The exact message fields are not published: everything that depends on them is in this file
 * (the function name, the request's and the answer's field names), nowhere else.
 */

/** The plugin's function for a leader's signature on a document awaiting approval (ký duyệt). */
export const VGCA_SIGN_FUNCTION = 'SignApproved';

/** The smallest WebSocket the adapter needs: the browser's, or `ws` in tests. */
export interface PluginSocket {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export type PluginSocketFactory = (url: string) => PluginSocket;

export interface VgcaSignServiceOptions {
  /** The plugin's base URL (from the server's configuration, `SIGNING_PLUGIN_URL`). */
  url: string;
  /** How long detection waits for the socket to open. */
  detectTimeoutMs?: number;
  /** How long a signature may take (the leader enters the token's PIN in the plugin's own window). */
  signTimeoutMs?: number;
  /** Opens a socket; the browser's WebSocket unless a test gives another. */
  socket?: PluginSocketFactory;
}

/** What the plugin is asked to sign and where it sends the result. */
export interface VgcaSignRequest {
  /** Where the plugin fetches the PDF (carries the single-use ticket; no cookie needed). */
  fileUrl: string;
  /** Where the plugin posts the signed PDF (multipart field `file`). */
  uploadUrl: string;
  /** The single-use ticket, also sent as the session id. */
  ticket: string;
  /** Where the signature image goes, as the dialog proposed it. */
  placement?: SignaturePlacement | null;
  /** The signer's name, shown by the plugin and in the appearance. */
  signerName?: string;
}

/** The plugin answered Status ≠ 0, could not be reached, or did not answer. */
export class VgcaSignFailed extends Error {
  constructor(
    readonly text: LocalizedText,
    /** The plugin's own status code, when it answered. */
    readonly status: number | null = null,
  ) {
    super(text.en);
  }
}

const NOT_RUNNING: LocalizedText = {
  vi: 'Không kết nối được với phần mềm ký số VGCA trên máy này. Hãy kiểm tra phần mềm đã chạy và USB token đã cắm.',
  en: 'Cannot reach the VGCA Sign Service on this computer. Check that it is running and the USB token is plugged in.',
};
const NO_ANSWER: LocalizedText = {
  vi: 'Phần mềm ký số VGCA không trả lời kết quả ký. Hãy thử lại.',
  en: 'The VGCA Sign Service gave no signing result. Try again.',
};
const UNREADABLE: LocalizedText = {
  vi: 'Phần mềm ký số VGCA trả lời không đúng định dạng.',
  en: 'The VGCA Sign Service answered in an unexpected format.',
};

function refusal(status: number, message: string): LocalizedText {
  const said = message.trim() ? `: ${message.trim()}` : '.';
  return {
    vi: `Phần mềm ký số VGCA báo lỗi (mã ${status})${said}`,
    en: `The VGCA Sign Service reported an error (code ${status})${said}`,
  };
}

const ignore = (): void => undefined;

const browserSocket: PluginSocketFactory = (url) => new WebSocket(url) as unknown as PluginSocket;

export class VgcaSignService {
  private readonly base: string;
  private readonly open: PluginSocketFactory;
  private readonly detectTimeoutMs: number;
  private readonly signTimeoutMs: number;

  constructor(options: VgcaSignServiceOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.open = options.socket ?? browserSocket;
    this.detectTimeoutMs = options.detectTimeoutMs ?? 1500;
    this.signTimeoutMs = options.signTimeoutMs ?? 180_000;
  }

  /** Whether the plugin runs: its socket opens within the detection timeout (then it is closed). */
  detect(): Promise<boolean> {
    return new Promise((resolve) => {
      let socket: PluginSocket;
      try {
        socket = this.open(`${this.base}/${VGCA_SIGN_FUNCTION}`);
      } catch {
        resolve(false);
        return;
      }
      const done = (running: boolean) => {
        clearTimeout(timer);
        // Quiet, not removed: closing a socket still connecting reports an error on it.
        socket.onopen = socket.onerror = socket.onclose = ignore;
        try {
          socket.close();
        } catch {
          // Closing a socket that never opened: nothing to release.
        }
        resolve(running);
      };
      const timer = setTimeout(() => done(false), this.detectTimeoutMs);
      socket.onopen = () => done(true);
      socket.onerror = () => done(false);
      socket.onclose = () => done(false);
    });
  }

  /**
   * Asks the plugin to sign and waits for its answer. Resolves once the plugin reports Status 0
   * (it has then posted the signed file to `uploadUrl`); otherwise throws {@link VgcaSignFailed}.
   */
  sign(request: VgcaSignRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      let socket: PluginSocket;
      try {
        socket = this.open(`${this.base}/${VGCA_SIGN_FUNCTION}`);
      } catch {
        reject(new VgcaSignFailed(NOT_RUNNING));
        return;
      }
      let opened = false;
      let settled = false;
      const settle = (error: VgcaSignFailed | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.onopen = socket.onmessage = socket.onerror = socket.onclose = ignore;
        try {
          socket.close();
        } catch {
          // Already closed.
        }
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => settle(new VgcaSignFailed(opened ? NO_ANSWER : NOT_RUNNING)), this.signTimeoutMs);
      socket.onopen = () => {
        opened = true;
        socket.send(JSON.stringify(requestMessage(request)));
      };
      socket.onmessage = (event) => {
        const answer = readAnswer(event.data);
        if (!answer) settle(new VgcaSignFailed(UNREADABLE));
        else settle(answer.status === 0 ? null : new VgcaSignFailed(refusal(answer.status, answer.message), answer.status));
      };
      socket.onerror = () => settle(new VgcaSignFailed(opened ? NO_ANSWER : NOT_RUNNING));
      socket.onclose = () => settle(new VgcaSignFailed(opened ? NO_ANSWER : NOT_RUNNING));
    });
  }
}

/** The request as the plugin reads it. */
export function requestMessage(request: VgcaSignRequest): Record<string, unknown> {
  const metadata: Array<{ Key: string; Value: string }> = [];
  if (request.placement) {
    const p = request.placement;
    metadata.push({ Key: 'Page', Value: String(p.page) }, { Key: 'Rect', Value: [p.x, p.y, p.width, p.height].join(',') });
  }
  if (request.signerName) metadata.push({ Key: 'SignerName', Value: request.signerName });
  return { FileName: request.fileUrl, FileUploadHandler: request.uploadUrl, SessionId: request.ticket, MetaData: metadata };
}

/** The plugin's answer: `Status` (0: signed and uploaded) and `Message`; null when it is not that. */
function readAnswer(data: unknown): { status: number; message: string } | null {
  const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : String(data);
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return null;
    const { Status, Message } = parsed as { Status?: unknown; Message?: unknown };
    const status = typeof Status === 'number' ? Status : typeof Status === 'string' && /^-?\d+$/.test(Status) ? Number(Status) : null;
    if (status === null) return null;
    return { status, message: typeof Message === 'string' ? Message : '' };
  } catch {
    return null;
  }
}
