/** Placeholder: the OpenAPI paths of the stats routes. */
export const statsPaths = {};
