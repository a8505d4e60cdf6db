/**
 * @module node/ports — which flag moves which of the node's servers, and the one error a busy port gives:
 * it names the service, the address and the flag (port 0 = any free port), instead of a bare EADDRINUSE.
 */
export const PORT_FLAGS = {
  api: { service: 'REST API', flag: '--port', env: 'PORT' },
  rpc: { service: 'devnet bitcoin RPC', flag: '--rpc-port', env: 'BLOCKSTACK_DEVNET_RPC_PORT' },
  hub: { service: 'storage hub', flag: '--hub-port', env: 'BLOCKSTACK_HUB_PORT' },
  atlas: { service: 'Atlas XML-RPC', flag: '--atlas-port', env: 'BLOCKSTACK_ATLAS_PORT' },
} as const;

export type PortKind = keyof typeof PORT_FLAGS;

export class PortInUseError extends Error {
  readonly code = 'E_PORT_IN_USE';
  readonly exitCode = 2;
  constructor(readonly kind: PortKind, readonly address: string, cause: unknown) {
    const p = PORT_FLAGS[kind];
    super(`${p.service}: cannot listen on ${address}: ${(cause as NodeJS.ErrnoException)?.code ?? 'error'} (another node running?). ` +
      `Choose another port with ${p.flag} <n> (or ${p.env}=<n>); ${p.flag} 0 takes any free port`, { cause });
    this.name = 'PortInUseError';
  }
}

/** Runs `listen`; a busy or forbidden port becomes a PortInUseError naming the service and its flag. */
export async function listenAs<T>(kind: PortKind, host: string, port: number | null | undefined, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new PortInUseError(kind, `${host}:${port ?? 0}`, e);
    throw e;
  }
}
