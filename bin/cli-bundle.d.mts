/** The bundled command line's file when it is up to date with every source it was built from, else null. */
export function freshBundle(manifest?: string): string | null;
/** Builds the bundle into a new folder of dist/ and points the manifest at it; returns how many sources went in. */
export function buildBundle(): Promise<number>;
