/**
 * Vietnamese texts: the product's first language and the source of every message key.
 * `{name}` placeholders are filled by {@link I18n.t}.
 */
import { languageSide, TEXTS } from './texts';

export const MESSAGES_VI = {
  'app.name': 'VănThư',
  'app.tagline': 'Quản lý văn bản và điều hành',

  'language.label': 'Ngôn ngữ',
  'language.vi': 'Tiếng Việt',
  'language.en': 'English',

  'login.title': 'Đăng nhập',
  'login.intro': 'Đăng nhập bằng tài khoản do quản trị viên cấp.',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.submitting': 'Đang đăng nhập…',
  'login.usernameRequired': 'Vui lòng nhập tên đăng nhập.',
  'login.passwordRequired': 'Vui lòng nhập mật khẩu.',
  'login.showPassword': 'Hiện mật khẩu',
  'login.hidePassword': 'Ẩn mật khẩu',

  'nav.label': 'Điều hướng chính',
  'nav.home': 'Trang chủ',
  'nav.incoming': 'Văn bản đến',
  'nav.outgoing': 'Văn bản đi',
  'nav.records': 'Hồ sơ',
  'nav.accessLog': 'Nhật ký truy cập',
  'nav.reports': 'Báo cáo',
  'nav.exchange': 'Liên thông',
  'nav.admin': 'Quản trị',

  'shell.openMenu': 'Mở menu',
  'shell.account': 'Tài khoản',
  'shell.changePassword': 'Đổi mật khẩu',
  'shell.logout': 'Đăng xuất',

  'role.leader': 'Lãnh đạo',
  'role.clerk': 'Văn thư',
  'role.specialist': 'Chuyên viên',
  'role.admin': 'Quản trị hệ thống',

  'home.greeting': 'Xin chào, {name}!',
  'home.workplace': '{position} — {organisation}',
  'home.roles': 'Vai trò: {roles}',
  'home.shortcuts': 'Truy cập nhanh',

  'comingSoon.title': 'Chức năng đang được xây dựng',
  'comingSoon.body': 'Trang «{page}» sẽ có trong phiên bản tiếp theo.',
  'comingSoon.back': 'Về trang chủ',

  'password.title': 'Đổi mật khẩu',
  'password.current': 'Mật khẩu hiện tại',
  'password.new': 'Mật khẩu mới',
  'password.confirm': 'Nhập lại mật khẩu mới',
  'password.required': 'Vui lòng nhập mật khẩu.',
  'password.mismatch': 'Mật khẩu nhập lại không khớp.',
  'password.save': 'Lưu',
  'password.saving': 'Đang lưu…',
  'password.cancel': 'Hủy',
  'password.changed': 'Đã đổi mật khẩu.',

  'common.close': 'Đóng',

  'error.network': 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  'error.unexpected': 'Đã xảy ra lỗi (mã {status}). Vui lòng thử lại sau.',

  // The features' texts are kept with both languages side by side (texts/*.ts).
  ...languageSide(TEXTS, 'vi'),
} as const;

/** Every text the web app shows, by key. */
export type MessageKey = keyof typeof MESSAGES_VI;

/** A dictionary for one language: the same keys as Vietnamese, no more, no fewer. */
export type Messages = Readonly<Record<MessageKey, string>>;
