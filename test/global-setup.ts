/**
 * Before any test: the command line's bundle (bin/cli-bundle.mjs) is brought up to date with the
 * sources, so that the tests that run `pingtai` run the code as it is, and quickly.
 */
import { buildBundle, freshBundle } from '../bin/cli-bundle.mjs';

export default async function setup(): Promise<void> {
  if (!freshBundle()) await buildBundle();
}
