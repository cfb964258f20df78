/**
 * @jest-environment node
 */
// A real WebSocket server (the `ws` package) plays the plugin; the adapter talks to it through
// `ws`'s client, which has the browser WebSocket's event properties.
import { AddressInfo, createServer, Server, Socket } from 'node:net';

import WebSocket, { WebSocketServer } from 'ws';

import { PluginSocket, VgcaSignFailed, VgcaSignService } from './vgca-sign-service';

const wsSocket = (url: string) => new WebSocket(url) as unknown as PluginSocket;

describe('VgcaSignService (the VGCA Sign Service adapter)', () => {
  let server: WebSocketServer;
  let url: string;
  let answer: (message: Record<string, unknown>, socket: WebSocket) => void;
  const received: Array<{ path: string; message: Record<string, unknown> }> = [];

  beforeEach(async () => {
    received.length = 0;
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket, request) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        received.push({ path: request.url ?? '', message });
        answer(message, socket);
      });
    });
  });
  afterEach(async () => {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  const adapter = (options: Partial<{ url: string; detectTimeoutMs: number; signTimeoutMs: number }> = {}) => new VgcaSignService({ url, socket: wsSocket, ...options });
  const request = { fileUrl: 'http://localhost/api/outgoing/7/sign/plugin/T', uploadUrl: 'http://localhost/api/outgoing/7/sign/plugin/T', ticket: 'T', placement: { page: 2, x: 330, y: 120, width: 200, height: 110 }, signerName: 'Nguyễn Văn Hùng' };

  it('detects a running plugin, and none where nothing listens', async () => {
    expect(await adapter().detect()).toBe(true);
    const closedPort = url;
    await new Promise((resolve) => server.close(resolve));
    const started = Date.now();
    expect(await adapter({ url: closedPort }).detect()).toBe(false);
    // A refused connection is known at once, not after the timeout.
    expect(Date.now() - started).toBeLessThan(1000);
    server = new WebSocketServer({ port: 0 });
  });

  it('gives up detection after its timeout when the port accepts but never speaks WebSocket', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      expect(await adapter({ url: `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`, detectTimeoutMs: 300 }).detect()).toBe(false);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(1500);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('sends the file URL, the upload URL and the ticket to the signing function, and resolves on Status 0', async () => {
    answer = (_message, socket) => socket.send(JSON.stringify({ Status: 0, Message: '', FileName: 'da-ky.pdf' }));
    await expect(adapter().sign(request)).resolves.toBeUndefined();
    expect(received).toEqual([
      {
        path: '/SignApproved',
        message: {
          FileName: request.fileUrl,
          FileUploadHandler: request.uploadUrl,
          SessionId: 'T',
          MetaData: [
            { Key: 'Page', Value: '2' },
            { Key: 'Rect', Value: '330,120,200,110' },
            { Key: 'SignerName', Value: 'Nguyễn Văn Hùng' },
          ],
        },
      },
    ]);
  });

  it('turns Status ≠ 0 into a Vietnamese and English message carrying the plugin’s code and text', async () => {
    answer = (_message, socket) => socket.send(JSON.stringify({ Status: 3, Message: 'Người dùng hủy ký' }));
    const failure = await adapter().sign(request).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(VgcaSignFailed);
    expect((failure as VgcaSignFailed).status).toBe(3);
    expect((failure as VgcaSignFailed).text).toEqual({
      vi: 'Phần mềm ký số VGCA báo lỗi (mã 3): Người dùng hủy ký',
      en: 'The VGCA Sign Service reported an error (code 3): Người dùng hủy ký',
    });
  });

  it('refuses an answer that is not the plugin’s JSON, and a socket closed without an answer', async () => {
    answer = (_message, socket) => socket.send('OK');
    expect(((await adapter().sign(request).catch((e: unknown) => e)) as VgcaSignFailed).text.en).toBe('The VGCA Sign Service answered in an unexpected format.');
    answer = (_message, socket) => socket.close();
    expect(((await adapter().sign(request).catch((e: unknown) => e)) as VgcaSignFailed).text.en).toBe('The VGCA Sign Service gave no signing result. Try again.');
  });

  it('says the plugin is not running when the socket cannot be opened, and that it gave no answer after the signing timeout', async () => {
    const closed = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    answer = () => undefined;
    const silent = await adapter({ signTimeoutMs: 300 }).sign(request).catch((e: unknown) => e);
    expect((silent as VgcaSignFailed).text.vi).toBe('Phần mềm ký số VGCA không trả lời kết quả ký. Hãy thử lại.');
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
    const refused = await adapter({ url: closed }).sign(request).catch((e: unknown) => e);
    expect((refused as VgcaSignFailed).text.en).toContain('Cannot reach the VGCA Sign Service');
    server = new WebSocketServer({ port: 0 });
  });
});
