/** Placeholder: the alerts routes. */
import { Router } from 'express';
import type { ApiDeps } from './api-router';

export function alertsRouter(_deps: ApiDeps): Router {
  return Router();
}
