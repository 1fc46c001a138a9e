/**
 * A separate Node process that starts the embedded PostgreSQL on a folder and waits: the leftover
 * test kills it with SIGKILL to leave an orphan, as a crash would. Usage: embeddedChild.ts <dataDir> <port>
 */
import { startEmbeddedPostgres } from '../../src/store/embedded.ts';

const [dataDir, port] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir: dataDir as string, port: Number(port) });
console.log(`started ${server.url.replace(/:[^:@]*@/, ':***@')}`);
setInterval(() => undefined, 60_000);
