import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RequiresPermission } from '@vanthu/server/core';
import { OrganisationDto, Page, Permission, UserDto } from '@vanthu/shared/contracts';

import { AdminService } from './admin.service';
import { CreateOrganisationDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { CreateUserDto, UpdateUserDto, UserListQuery } from './dto/user.dto';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @RequiresPermission(Permission.ManageOrganisations)
  @Post('organisations')
  createOrganisation(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateOrganisationDto, @ClientAddress() ip: string): Promise<OrganisationDto> {
    return this.admin.createOrganisation(user, body, ip);
  }

  @RequiresPermission(Permission.ManageOrganisations)
  @Patch('organisations/:id')
  updateOrganisation(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateOrganisationDto,
    @ClientAddress() ip: string,
  ): Promise<OrganisationDto> {
    return this.admin.updateOrganisation(user, id, body, ip);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Get('users')
  listUsers(@CurrentUser() user: AuthenticatedUser, @Query() query: UserListQuery): Promise<Page<UserDto>> {
    return this.admin.listUsers(user, query.organisationId, query.page, query.pageSize);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Post('users')
  createUser(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateUserDto, @ClientAddress() ip: string): Promise<UserDto> {
    return this.admin.createUser(user, body, ip);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Patch('users/:id')
  updateUser(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateUserDto,
    @ClientAddress() ip: string,
  ): Promise<UserDto> {
    return this.admin.updateUser(user, id, body, ip);
  }
}
