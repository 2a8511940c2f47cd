import { BadRequestException, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RequireKeyPermissions, VerifiedKey } from '@keyward/sdk/nest';
import { type Order, OrdersStore } from './orders.store.js';

interface NewOrder {
  item?: unknown;
  quantity?: unknown;
}

/** Clients call with `x-api-key: <their Keyward key>`; Keyward says whose it is and what it may do. */
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersStore) {}

  @Get()
  @RequireKeyPermissions('orders:read')
  list(@VerifiedKey() key: VerifiedKey): { owner: VerifiedKey['owner']; orders: Order[] } {
    return { owner: key.owner, orders: this.orders.list() };
  }

  @Post()
  @HttpCode(201)
  @RequireKeyPermissions('orders:write')
  place(@VerifiedKey() key: VerifiedKey, @Body() body: NewOrder): Order {
    const quantity = body.quantity ?? 1;
    if (typeof body.item !== 'string' || !body.item || typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      throw new BadRequestException('an order is {item: string, quantity?: positive integer}');
    }
    return this.orders.add(body.item, quantity, key.owner.id);
  }
}
