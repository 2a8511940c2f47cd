import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';
import { UserCreator } from '../users/user-creator.js';
import { hashPassword } from './passwords.js';

export const GENERATED_ADMIN_EMAIL = 'admin@keyward.local';

/**
 * Makes sure someone can sign in as admin: ADMIN_EMAIL/ADMIN_PASSWORD when given; otherwise, in
 * development only, a generated admin whose password is printed once, on the run that creates it.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UserCreator,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { email, password } = this.config.get('admin', { infer: true });
    if (email && password) {
      if (await this.createAdminIfMissing(email, password, false)) this.logger.log({ email }, 'admin account created from ADMIN_EMAIL');
      return;
    }
    if (this.config.get('nodeEnv', { infer: true }) !== 'development') return;
    const generated = randomBytes(12).toString('base64url');
    if (await this.createAdminIfMissing(GENERATED_ADMIN_EMAIL, generated, true)) {
      // Deliberately outside the structured log: shown once on the console, never stored in logs.
      process.stdout.write(
        `\n  Keyward created an admin account (shown once):\n    email:    ${GENERATED_ADMIN_EMAIL}\n    password: ${generated}\n` +
          '  Set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own.\n\n',
      );
    }
  }

  private async createAdminIfMissing(email: string, password: string, onlyIfNoAdmin: boolean): Promise<boolean> {
    return this.users.createAdminIfMissing({ email, name: 'Administrator', passwordHash: await hashPassword(password) }, onlyIfNoAdmin);
  }
}
