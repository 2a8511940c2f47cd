import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.schema.js';
import { CONTENT_STATUSES, type ContentStatus } from './content.entity.js';
import type { ContentView } from './contents.dto.js';

const time = { type: String, format: 'date-time' } as const;

@ApiSchema({ name: 'Content' })
export class ContentResponse implements ContentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: CONTENT_STATUSES }) status!: ContentStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId!: string | null;
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty(time) updatedAt!: Date;
}

export const ContentPage = PageOf(ContentResponse, 'ContentPage');
