import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/**
 * One definition of the connection, shared by the app, the migration runner and the tests. No
 * entities: the migrations are SQL, and the app's come from each feature's TypeOrmModule.forFeature.
 */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    extra: {
      application_name: options.applicationName ?? 'keyward',
      statement_timeout: options.statementTimeoutMs ?? 5000,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    },
  };
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
