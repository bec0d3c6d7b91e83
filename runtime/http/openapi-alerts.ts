/** Placeholder: the OpenAPI paths of the alerts routes. */
export const alertPaths = {};
