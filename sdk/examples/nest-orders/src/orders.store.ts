import { Injectable } from '@nestjs/common';

export interface Order {
  id: number;
  item: string;
  quantity: number;
  /** The Keyward user whose key placed it. */
  placedBy: string;
}

/** The example's orders, in memory: enough to show who may read and who may write. */
@Injectable()
export class OrdersStore {
  private readonly orders: Order[] = [];

  list(): Order[] {
    return [...this.orders];
  }

  add(item: string, quantity: number, placedBy: string): Order {
    const order = { id: this.orders.length + 1, item, quantity, placedBy };
    this.orders.push(order);
    return order;
  }
}
