export { createDevPki, exportDevPki, importDevPki, pemOf } from './lib/dev-pki';
export type { CaBundle, CrlRequest, DevKeyType, DevPki, DevPkiUrls, IssuedCredential, OrganisationCertificateRequest, PersonalCertificateRequest, RevocationReason } from './lib/dev-pki';
export type { KeyUsageName } from './lib/certificates';
export { demoSealImage, demoSignatureImage } from './lib/images';
export { encodePng } from './lib/png';
