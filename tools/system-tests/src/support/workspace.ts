import { connect } from 'node:net';
import { resolve } from 'node:path';

/** The repository these tests belong to. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}
