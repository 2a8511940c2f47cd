import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.schema.js';
import type { UserView } from './users.dto.js';

@ApiSchema({ name: 'User' })
export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], example: ['member'] }) roles!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ description: 'two-factor sign-in is on' }) twoFactorEnabled!: boolean;
}

export const UserPage = PageOf(UserResponse, 'UserPage');
