import { Routes } from '@angular/router';
import { Permission } from '@vanthu/shared/contracts';
import { permissionGuard } from '@vanthu/web/core';
import { DocumentDetailPage } from './document-detail.page';
import { DocumentLinkPage } from './document-link.page';
import { DocumentListPage } from './document-list.page';
import { DraftFormPage } from './draft-form.page';
import { MyCertificatesPage } from './my-certificates.page';
import { PaperRegisterPage } from './paper-register.page';
import { SigningQueuePage } from './signing-queue.page';

/** /incoming: the incoming register, a paper registration form, the detail. */
export const INCOMING_ROUTES: Routes = [
  { path: '', component: DocumentListPage, data: { direction: 'incoming' } },
  { path: 'new', component: PaperRegisterPage, canActivate: [permissionGuard(Permission.RegisterIncoming)] },
  { path: ':id', component: DocumentDetailPage },
];

/** /outgoing: drafts to dispatched documents, the draft form, the detail. */
export const OUTGOING_ROUTES: Routes = [
  { path: '', component: DocumentListPage, data: { direction: 'outgoing' } },
  { path: 'new', component: DraftFormPage, canActivate: [permissionGuard(Permission.DraftDocuments)] },
  { path: ':id/edit', component: DraftFormPage, canActivate: [permissionGuard(Permission.DraftDocuments)] },
  { path: ':id', component: DocumentDetailPage },
];

/** /signing: the leader's queue of documents to sign; /signing/certificates: my token certificates. */
export const SIGNING_ROUTES: Routes = [
  { path: '', component: SigningQueuePage },
  { path: 'certificates', component: MyCertificatesPage },
];

/** /documents/:id: the address e-mails and notifications link to; opens the right detail page. */
export const DOCUMENT_LINK_ROUTES: Routes = [{ path: ':id', component: DocumentLinkPage }];
