import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, RequiresPermission } from '@vanthu/server/core';
import { OrganisationDto, Permission, UserDto } from '@vanthu/shared/contracts';

import { DirectoryService } from './directory.service';

@ApiTags('directory')
@Controller('organisations')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @RequiresPermission(Permission.ViewDirectory)
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<OrganisationDto[]> {
    return this.directory.listOrganisations(user);
  }

  @RequiresPermission(Permission.ViewDirectory)
  @Get(':id/members')
  members(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<UserDto[]> {
    return this.directory.listMembers(user, id);
  }
}
