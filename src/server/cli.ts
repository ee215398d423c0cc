import { createAuthServer } from './auth-server';
import { optionsFromEnv } from './cli-config';

/** `npm run server`: the reference auth server, configured from the environment. */
async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  const server = await createAuthServer(options);
  const host = options.host ?? '127.0.0.1';
  const address = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
  console.log(`Latchkey auth server listening on ${address}${options.publicUrl ? `, public origin ${options.publicUrl}` : ''}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    server.drain().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`The auth server did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The auth server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
