/** Placeholder: 0013-alerts. */
import type { QueryInterface } from 'sequelize';

export const name = '0013-alerts';

export async function up(_params: { context: QueryInterface }): Promise<void> {}

export async function down(_params: { context: QueryInterface }): Promise<void> {}
