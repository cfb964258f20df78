import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslatePipe } from '@vanthu/web/core';
import { CertificatesTab } from './certificates.tab';
import { ExternalOrganisationsTab } from './external-organisations.tab';
import { HolidaysTab } from './holidays.tab';
import { TrustTab } from './trust.tab';
import { OrganisationsTab } from './organisations.tab';
import { UsersTab } from './users.tab';

/** Administration: the organisation tree, users and roles, signing certificates, the external directory, holidays. */
@Component({
  selector: 'vt-admin-page',
  imports: [MatTabsModule, TranslatePipe, OrganisationsTab, UsersTab, CertificatesTab, TrustTab, HolidaysTab, ExternalOrganisationsTab],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'admin.title' | t }}</h1>
    <mat-tab-group mat-stretch-tabs="false" animationDuration="0ms">
      <mat-tab [label]="'admin.tab.organisations' | t">
        <ng-template matTabContent><vt-organisations-tab /></ng-template>
      </mat-tab>
      <mat-tab [label]="'admin.tab.users' | t">
        <ng-template matTabContent><vt-users-tab /></ng-template>
      </mat-tab>
      <mat-tab [label]="'admin.tab.certificates' | t">
        <ng-template matTabContent><vt-certificates-tab /></ng-template>
      </mat-tab>
      <mat-tab [label]="'admin.tab.trust' | t">
        <ng-template matTabContent><vt-trust-tab /></ng-template>
      </mat-tab>
      <mat-tab [label]="'exchange.directory.title' | t">
        <ng-template matTabContent><vt-external-organisations-tab /></ng-template>
      </mat-tab>
      <mat-tab [label]="'admin.tab.holidays' | t">
        <ng-template matTabContent><vt-holidays-tab /></ng-template>
      </mat-tab>
    </mat-tab-group>
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0 0 8px;
    }
  `,
})
export class AdminPage {}
