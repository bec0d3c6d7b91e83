/** Runs the server from the environment (HOST, PORT, PINGTAI_DATA, DATABASE_URL, PINGTAI_METRICS_TOKEN, LOG_LEVEL). */
import { EnvironmentError, serverOptionsFromEnv, startServer } from './server';

try {
  await startServer(serverOptionsFromEnv());
} catch (err) {
  if (!(err instanceof EnvironmentError)) throw err;
  process.stderr.write(`error: ${err.message}\n`);
  process.exitCode = 1;
}
