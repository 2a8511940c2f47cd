import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { NamedLimit } from './quota.js';

@ApiSchema({ name: 'StoredNamedLimit' })
export class NamedLimitResponse implements NamedLimit {
  @ApiProperty({ example: 'search' }) name!: string;
  @ApiProperty() limit!: number;
  @ApiProperty({ description: 'seconds' }) window!: number;
  @ApiProperty() cost!: number;
  @ApiProperty() auto!: boolean;
}

@ApiSchema({ name: 'SharedLimits' })
export class SharedLimitsResponse {
  @ApiProperty({ type: [NamedLimitResponse] }) limits!: NamedLimitResponse[];
}
