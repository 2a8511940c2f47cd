import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import type { Caller } from '../access/caller.js';
import { AppError } from '../common/errors/app-error.js';
import { decodeCursor, type Page, type PageQuery, toPage } from '../common/pagination.js';
import { Content } from './content.entity.js';
import { type ContentView, type CreateContentDto, toContentView, type UpdateContentDto } from './contents.dto.js';

/** The demo resource keys guard: a shared collection, gated by permissions alone. */
@Injectable()
export class ContentsService {
  constructor(@InjectRepository(Content) private readonly contents: Repository<Content>) {}

  async list(query: PageQuery): Promise<Page<ContentView>> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.contents.find({
      where: cursor ? [{ createdAt: LessThan(cursor.createdAt) }, { createdAt: cursor.createdAt, id: LessThan(cursor.id) }] : undefined,
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, toContentView);
  }

  async get(id: string): Promise<ContentView> {
    return toContentView(await this.find(id));
  }

  async create(caller: Caller, dto: CreateContentDto): Promise<ContentView> {
    const content = this.contents.create({ title: dto.title, body: dto.body ?? '', status: dto.status ?? 'draft', authorId: caller.principal.user.id });
    return toContentView(await this.contents.save(content));
  }

  async update(id: string, dto: UpdateContentDto): Promise<ContentView> {
    const content = await this.find(id);
    Object.assign(content, dto);
    return toContentView(await this.contents.save(content));
  }

  async remove(id: string): Promise<void> {
    const result = await this.contents.delete({ id });
    if (!result.affected) throw new AppError('content.not_found');
  }

  private async find(id: string): Promise<Content> {
    const content = await this.contents.findOneBy({ id });
    if (!content) throw new AppError('content.not_found');
    return content;
  }
}
