/**
 * Relative on purpose: the API serves the app in production and the dev server proxies
 * /api, so requests stay same-origin, cookies flow, and Angular sends the XSRF header
 * (it never does for absolute URLs).
 */
export const API_BASE = '/api';
