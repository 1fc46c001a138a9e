/**
 * A local stand-in for a national service we cannot reach from here: it implements the owner's
 * published specification and validates every message it receives against it, refusing what the real
 * service would refuse. Tests and CI run them; `tildel stand-ins` runs them for a demo.
 */
import type { FastifyInstance } from 'fastify';

export interface StandIn {
  /** The service it stands in for, e.g. 'svarut'. */
  readonly name: string;
  /** Its base address (http://127.0.0.1:port). */
  readonly url: string;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** 0 for any free port. */
  readonly port?: number;
  readonly host?: string;
}

/** Starts a stand-in's server on the port and host asked for (any free port by default); its base address. */
export async function listenStandIn(app: FastifyInstance, options: StandInOptions): Promise<string> {
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  return `http://${host}:${typeof address === 'object' && address ? address.port : 0}`;
}
