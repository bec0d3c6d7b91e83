/** Placeholder: the stats routes. */
import { Router } from 'express';
import type { ApiDeps } from './api-router';

export function statsRouter(_deps: ApiDeps): Router {
  return Router();
}
