import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, RateLimited, RequiresPermission } from '@vanthu/server/core';
import { Permission, RegisterView } from '@vanthu/shared/contracts';
import type { Response } from 'express';

import { renderBookPdf } from '../books/book-pdf';
import { renderBookXlsx } from '../books/book-xlsx';
import { RegisterBooksService } from '../books/register-books.service';
import { HandlingSlipsService } from '../slips/handling-slips.service';
import { BookQueryDto, RegistersQueryDto } from './dto';
import { download } from './download';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Register books and handling slips (sổ đăng ký, phiếu giải quyết) as PDF and XLSX. */
@ApiTags('records')
@Controller('records')
export class RecordsController {
  constructor(
    private readonly books: RegisterBooksService,
    private readonly slips: HandlingSlipsService,
  ) {}

  @RequiresPermission(Permission.ViewReports)
  @Get('registers')
  registers(@CurrentUser() user: AuthenticatedUser, @Query() query: RegistersQueryDto): Promise<RegisterView[]> {
    return this.books.list(user, query.year);
  }

  @RequiresPermission(Permission.ViewReports)
  @RateLimited('report')
  @Get('registers/:id/book.pdf')
  @ApiProduces('application/pdf')
  async bookPdf(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query() query: BookQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { book, fileName } = await this.books.book(user, id, query);
    return download(response, await renderBookPdf(book), 'application/pdf', `${fileName}.pdf`);
  }

  @RequiresPermission(Permission.ViewReports)
  @RateLimited('report')
  @Get('registers/:id/book.xlsx')
  @ApiProduces(XLSX_TYPE)
  async bookXlsx(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query() query: BookQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { book, fileName } = await this.books.book(user, id, query);
    return download(response, await renderBookXlsx(book), XLSX_TYPE, `${fileName}.xlsx`);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @RateLimited('report')
  @Get('incoming/:id/handling-slip.pdf')
  @ApiProduces('application/pdf')
  async handlingSlip(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { pdf, fileName } = await this.slips.slip(user, id);
    return download(response, pdf, 'application/pdf', fileName);
  }
}
