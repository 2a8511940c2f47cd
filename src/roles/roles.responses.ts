import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { RoleView } from './roles.dto.js';

@ApiSchema({ name: 'Role' })
export class RoleResponse implements RoleView {
  @ApiProperty({ example: 'support' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String], example: ['contents:read'] }) permissions!: string[];
  @ApiProperty() builtIn!: boolean;
}
