import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { type Caller, workspaceOf } from '../access/caller.js';
import { AppError } from '../common/errors/app-error.js';
import { decodeCursor, type Page, type PageQuery, toPage } from '../common/pagination.js';
import { Content } from './content.entity.js';
import { type ContentView, type CreateContentDto, toContentView, type UpdateContentDto } from './contents.dto.js';

/** The demo resource keys guard: each workspace's shared collection, gated by permissions there. */
@Injectable()
export class ContentsService {
  constructor(@InjectRepository(Content) private readonly contents: Repository<Content>) {}

  async list(caller: Caller, query: PageQuery): Promise<Page<ContentView>> {
    const workspaceId = workspaceOf(caller).id;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.contents.find({
      where: cursor
        ? [
            { workspaceId, createdAt: LessThan(cursor.createdAt) },
            { workspaceId, createdAt: cursor.createdAt, id: LessThan(cursor.id) },
          ]
        : { workspaceId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, toContentView);
  }

  async get(caller: Caller, id: string): Promise<ContentView> {
    return toContentView(await this.find(caller, id));
  }

  async create(caller: Caller, dto: CreateContentDto): Promise<ContentView> {
    const content = this.contents.create({
      title: dto.title,
      body: dto.body ?? '',
      status: dto.status ?? 'draft',
      authorId: caller.principal.user.id,
      workspaceId: workspaceOf(caller).id,
    });
    return toContentView(await this.contents.save(content));
  }

  async update(caller: Caller, id: string, dto: UpdateContentDto): Promise<ContentView> {
    const content = await this.find(caller, id);
    Object.assign(content, dto);
    return toContentView(await this.contents.save(content));
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const result = await this.contents.delete({ id, workspaceId: workspaceOf(caller).id });
    if (!result.affected) throw new AppError('content.not_found');
  }

  /** Another workspace's content does not exist for this caller (404, never 403). */
  private async find(caller: Caller, id: string): Promise<Content> {
    const content = await this.contents.findOneBy({ id, workspaceId: workspaceOf(caller).id });
    if (!content) throw new AppError('content.not_found');
    return content;
  }
}
