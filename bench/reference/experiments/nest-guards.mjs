// Experiment: bare Nest plus four global guards that answer true synchronously (Keyward's four APP_GUARDs, doing nothing).
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { BODY, listenOptions, PREFIX } from '../body.mjs';

class PingController {
  pingShapedLikeMe() {
    return BODY;
  }
}
Reflect.decorate([Get('me')], PingController.prototype, 'pingShapedLikeMe', Object.getOwnPropertyDescriptor(PingController.prototype, 'pingShapedLikeMe'));
Reflect.decorate([Controller('ping')], PingController);
class Allow {
  canActivate() {
    return true;
  }
}
class AppModule {}
Reflect.decorate([Module({ controllers: [PingController], providers: [1, 2, 3, 4].map(() => ({ provide: APP_GUARD, useClass: class extends Allow {} })) })], AppModule);
const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
app.setGlobalPrefix(PREFIX);
await app.listen(listenOptions());
