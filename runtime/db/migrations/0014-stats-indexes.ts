/** Placeholder: 0014-stats-indexes. */
import type { QueryInterface } from 'sequelize';

export const name = '0014-stats-indexes';

export async function up(_params: { context: QueryInterface }): Promise<void> {}

export async function down(_params: { context: QueryInterface }): Promise<void> {}
