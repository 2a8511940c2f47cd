// The limit for a Nest process: NestJS 12 on @nestjs/platform-fastify, one controller answering
// GET /api/v1/ping/me with Keyward's /ping/me body, nothing else (no guards, hooks, pipes,
// interceptors or filters of ours). Plain JavaScript, so the decorators are applied by hand.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { BODY, listenOptions, PREFIX } from './body.mjs';

class PingController {
  pingShapedLikeMe() {
    return BODY;
  }
}
Reflect.decorate([Get('me')], PingController.prototype, 'pingShapedLikeMe', Object.getOwnPropertyDescriptor(PingController.prototype, 'pingShapedLikeMe'));
Reflect.decorate([Controller('ping')], PingController);

class AppModule {}
Reflect.decorate([Module({ controllers: [PingController] })], AppModule);

// Nest's logger at Keyward's bench level (LOG_LEVEL=warn): startup lines only, nothing per request.
const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
app.setGlobalPrefix(PREFIX);
app.enableShutdownHooks();
await app.listen(listenOptions());
