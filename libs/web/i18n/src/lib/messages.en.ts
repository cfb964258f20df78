import { Messages } from './messages.vi';
import { languageSide, TEXTS } from './texts';

/** English texts; the compiler refuses a missing or unknown key. */
export const MESSAGES_EN: Messages = {
  'app.name': 'VănThư',
  'app.tagline': 'Document management and e-office',

  'language.label': 'Language',
  'language.vi': 'Tiếng Việt',
  'language.en': 'English',

  'login.title': 'Sign in',
  'login.intro': 'Sign in with the account your administrator gave you.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.usernameRequired': 'Enter your username.',
  'login.passwordRequired': 'Enter your password.',
  'login.showPassword': 'Show password',
  'login.hidePassword': 'Hide password',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.incoming': 'Incoming documents',
  'nav.outgoing': 'Outgoing documents',
  'nav.records': 'Files',
  'nav.accessLog': 'Access log',
  'nav.reports': 'Reports',
  'nav.exchange': 'Exchange',
  'nav.admin': 'Administration',

  'shell.openMenu': 'Open menu',
  'shell.account': 'Account',
  'shell.changePassword': 'Change password',
  'shell.logout': 'Log out',

  'role.leader': 'Leader',
  'role.clerk': 'Clerk',
  'role.specialist': 'Specialist',
  'role.admin': 'Administrator',

  'home.greeting': 'Hello, {name}!',
  'home.workplace': '{position} — {organisation}',
  'home.roles': 'Roles: {roles}',
  'home.shortcuts': 'Shortcuts',

  'comingSoon.title': 'This feature is coming soon',
  'comingSoon.body': 'The “{page}” page arrives in a coming release.',
  'comingSoon.back': 'Back to Home',

  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Repeat the new password',
  'password.required': 'Enter a password.',
  'password.mismatch': 'The two new passwords differ.',
  'password.save': 'Save',
  'password.saving': 'Saving…',
  'password.cancel': 'Cancel',
  'password.changed': 'Your password has been changed.',

  'common.close': 'Close',

  'error.network': 'Cannot reach the server. Check your network connection and try again.',
  'error.unexpected': 'Something went wrong (code {status}). Please try again later.',

  ...languageSide(TEXTS, 'en'),
};
