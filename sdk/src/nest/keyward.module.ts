import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { type KeywardGuardOptions, resolveGuardOptions } from './guard-options.js';
import { KeyChecker, KEYWARD_GUARD_OPTIONS } from './key-checker.js';
import { KeywardGuard } from './keyward.guard.js';

export interface KeywardModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: any[]) => KeywardGuardOptions | Promise<KeywardGuardOptions>;
  inject?: any[];
}

/**
 * Checks your clients' Keyward keys: import it once (it is global), then put
 * @RequireKeyPermissions('orders:read') on a route or controller.
 */
@Module({})
export class KeywardModule {
  static forRoot(options: KeywardGuardOptions): DynamicModule {
    return KeywardModule.with([{ provide: KEYWARD_GUARD_OPTIONS, useValue: resolveGuardOptions(options) }]);
  }

  /** Options from elsewhere (ConfigService): `useFactory` and what it `inject`s. */
  static forRootAsync(options: KeywardModuleAsyncOptions): DynamicModule {
    const module = KeywardModule.with([{ provide: KEYWARD_GUARD_OPTIONS, useFactory: async (...args: unknown[]) => resolveGuardOptions(await options.useFactory(...args)), inject: options.inject ?? [] }]);
    return { ...module, imports: options.imports ?? [] };
  }

  private static with(providers: DynamicModule['providers'] & object[]): DynamicModule {
    return {
      module: KeywardModule,
      global: true,
      providers: [...providers, KeyChecker, KeywardGuard],
      exports: [KEYWARD_GUARD_OPTIONS, KeyChecker, KeywardGuard],
    };
  }
}
