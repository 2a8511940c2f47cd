import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { KeywardModule, type KeywardGuardOptions } from '@keyward/sdk/nest';
import { OrdersController } from './orders.controller.js';
import { OrdersStore } from './orders.store.js';

@Module({})
class OrdersModule {
  static with(keyward: KeywardGuardOptions): DynamicModule {
    return { module: OrdersModule, imports: [KeywardModule.forRoot(keyward)], controllers: [OrdersController], providers: [OrdersStore] };
  }
}

/** The orders service on Fastify, its routes guarded by Keyward keys; not yet listening. */
export async function createOrdersApp(keyward: KeywardGuardOptions): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(OrdersModule.with(keyward), new FastifyAdapter(), { logger: ['error', 'warn'] });
}
