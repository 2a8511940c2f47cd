// Experiment: bare Nest plus Keyward's response headers (helmet's, a random request id), written in one onRequest hook.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { headerWriter, HELMET_OPTIONS, securityHeaders } from '../../../dist/src/http/security-headers.js';
import { BODY, listenOptions, PREFIX } from '../body.mjs';

class PingController {
  pingShapedLikeMe() {
    return BODY;
  }
}
Reflect.decorate([Get('me')], PingController.prototype, 'pingShapedLikeMe', Object.getOwnPropertyDescriptor(PingController.prototype, 'pingShapedLikeMe'));
Reflect.decorate([Controller('ping')], PingController);
class AppModule {}
Reflect.decorate([Module({ controllers: [PingController] })], AppModule);
const write = headerWriter(securityHeaders(HELMET_OPTIONS));
const app = await NestFactory.create(AppModule, new FastifyAdapter({ genReqId: () => randomUUID() }), { logger: ['error', 'warn'] });
app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
  write(reply);
  reply.header('x-request-id', request.id);
  done();
});
app.setGlobalPrefix(PREFIX);
await app.listen(listenOptions());
