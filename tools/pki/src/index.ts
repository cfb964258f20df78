export { createDevPki, exportDevPki, importDevPki, pemOf } from './lib/dev-pki';
export type { CaBundle, DevKeyType, DevPki, IssuedCredential, OrganisationCertificateRequest, PersonalCertificateRequest } from './lib/dev-pki';
export { demoSealImage, demoSignatureImage } from './lib/images';
export { encodePng } from './lib/png';
