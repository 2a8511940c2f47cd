import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CONTENT_STATUSES, type Content, type ContentStatus } from './content.entity.js';

export class CreateContentDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 100_000 })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ enum: CONTENT_STATUSES })
  @IsOptional()
  @IsIn(CONTENT_STATUSES)
  status?: ContentStatus;
}

export class UpdateContentDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 100_000 })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ enum: CONTENT_STATUSES })
  @IsOptional()
  @IsIn(CONTENT_STATUSES)
  status?: ContentStatus;
}

export interface ContentView {
  id: string;
  title: string;
  body: string;
  status: ContentStatus;
  authorId: string | null;
  workspaceId: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toContentView(content: Content): ContentView {
  const { id, title, body, status, authorId, workspaceId, createdAt, updatedAt } = content;
  return { id, title, body, status, authorId, workspaceId, createdAt, updatedAt };
}
