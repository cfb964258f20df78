import type { MatDialogConfig } from '@angular/material/dialog';

/** The overlay class that apps/web's styles.scss turns into a full-screen dialog at phone width. */
export const FULL_SCREEN_ON_PHONE_CLASS = 'vt-full-screen-on-phone';

/**
 * For a dialog that needs the whole screen on a phone (the signing dialogs: the PIN, the page,
 * the result): at phone width (< 600 px) it covers the screen without rounded corners and its
 * content scrolls between the fixed title and buttons; on a wider screen it is an ordinary
 * dialog up to 96% of the window. Spread it into the dialog's config:
 * `dialog.open(X, { ...FULL_SCREEN_ON_PHONE, data })`. Every other dialog is
 * 100vw − 16px wide on a phone (styles.scss).
 */
export const FULL_SCREEN_ON_PHONE: MatDialogConfig = {
  maxWidth: '96vw',
  panelClass: FULL_SCREEN_ON_PHONE_CLASS,
};
