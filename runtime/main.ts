/** Runs the server from the environment (HOST, PORT, PINGTAI_DATA, DATABASE_URL, LOG_LEVEL). */
import { serverOptionsFromEnv, startServer } from './server';

await startServer(serverOptionsFromEnv());
