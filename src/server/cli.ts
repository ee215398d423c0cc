import { createAuthServer } from './auth-server';
import { optionsFromEnv } from './cli-config';

/** `npm run server`: the reference auth server, configured from the environment. */
async function main(): Promise<void> {
  const server = await createAuthServer(optionsFromEnv(process.env));
  console.log(`Latchkey auth server listening on ${server.url}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The auth server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
