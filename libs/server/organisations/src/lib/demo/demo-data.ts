import { OrganisationKind, Role } from '@vanthu/shared/contracts';

/** Password of every demo account (printed by `npm start`). */
export const DEMO_PASSWORD = 'Demo@123';

export interface DemoOrganisation {
  code: string;
  name: string;
  kind: OrganisationKind;
  abbreviation: string;
  placeName: string;
  /** Illustrative identifier in the format of mã định danh (not the real one). */
  identifierCode: string;
  leader: { fullName: string; position: string };
  clerk: string;
  specialists: [string, string];
}

export interface DemoUser {
  username: string;
  fullName: string;
  position: string;
  roles: Role[];
}

// Modelled on UBND huyện Tuy Đức, tỉnh Đắk Nông: the office, five departments and six communes.
const DISTRICT: DemoOrganisation = {
  code: 'tuyduc',
  name: 'UBND huyện Tuy Đức',
  kind: OrganisationKind.District,
  abbreviation: 'UBND',
  placeName: 'Tuy Đức',
  identifierCode: 'H38.08',
  leader: { fullName: 'Nguyễn Văn Hùng', position: 'Chủ tịch UBND huyện' },
  clerk: 'Trần Thị Mai',
  specialists: ['Lê Văn Thành', 'Phạm Thị Hồng'],
};

const UNITS: DemoOrganisation[] = [
  {
    code: 'tuyduc-vp',
    name: 'Văn phòng HĐND và UBND huyện',
    kind: OrganisationKind.Office,
    abbreviation: 'VP',
    placeName: 'Tuy Đức',
    identifierCode: 'H38.08.01',
    leader: { fullName: 'Đỗ Minh Tuấn', position: 'Chánh Văn phòng' },
    clerk: 'Vũ Thị Lan',
    specialists: ['Hoàng Văn Nam', 'Ngô Thị Thu'],
  },
  {
    code: 'tuyduc-nv',
    name: 'Phòng Nội vụ',
    kind: OrganisationKind.Department,
    abbreviation: 'NV',
    placeName: 'Tuy Đức',
    identifierCode: 'H38.08.02',
    leader: { fullName: 'Bùi Quang Vinh', position: 'Trưởng phòng Nội vụ' },
    clerk: 'Đặng Thị Hạnh',
    specialists: ['Phan Văn Đức', 'Trịnh Thị Ngọc'],
  },
  {
    code: 'tuyduc-tp',
    name: 'Phòng Tư pháp',
    kind: OrganisationKind.Department,
    abbreviation: 'TP',
    placeName: 'Tuy Đức',
    identifierCode: 'H38.08.03',
    leader: { fullName: 'Lý Văn Khánh', position: 'Trưởng phòng Tư pháp' },
    clerk: 'Dương Thị Yến',
    specialists: ['Mai Văn Lộc', 'Tạ Thị Hương'],
  },
  {
    code: 'tuyduc-tckh',
    name: 'Phòng Tài chính - Kế hoạch',
    kind: OrganisationKind.Department,
    abbreviation: 'TCKH',
    placeName: 'Tuy Đức',
    identifierCode: 'H38.08.04',
    leader: { fullName: 'Hồ Đức Thắng', position: 'Trưởng phòng Tài chính - Kế hoạch' },
    clerk: 'Cao Thị Diệu',
    specialists: ['Lương Văn Phúc', 'Kiều Thị Oanh'],
  },
  {
    code: 'tuyduc-ldtbxh',
    name: 'Phòng Lao động - Thương binh và Xã hội',
    kind: OrganisationKind.Department,
    abbreviation: 'LĐTBXH',
    placeName: 'Tuy Đức',
    identifierCode: 'H38.08.05',
    leader: { fullName: 'Triệu Văn Bình', position: 'Trưởng phòng Lao động - Thương binh và Xã hội' },
    clerk: 'Đinh Thị Nhung',
    specialists: ['Võ Văn Sơn', 'Lâm Thị Quỳnh'],
  },
  {
    code: 'tuyduc-tnmt',
    name: 'Phòng Tài nguyên và Môi trường',
    kind: OrganisationKind.Department,
    abbreviation: 'TNMT',
    placeName: 'Tuy Đức',
    identifierCode: 'H38.08.06',
    leader: { fullName: 'Châu Minh Trí', position: 'Trưởng phòng Tài nguyên và Môi trường' },
    clerk: 'Lưu Thị Thảo',
    specialists: ["Y Brơm Niê", "H'Lan Êban"],
  },
];

const COMMUNES: DemoOrganisation[] = [
  ['quangtan', 'Quảng Tân', 'Nguyễn Đình Phong', 'Phạm Thị Xuân', ['Trần Văn Hải', 'Lê Thị Bích']],
  ['dakbukso', 'Đắk Buk So', 'Điểu Văn Lâm', 'Thị Hoa', ['Điểu K’Rê', 'Nguyễn Văn Toàn']],
  ["dakrtih", "Đắk R'Tíh", 'K’ Trang', 'Hoàng Thị Nguyệt', ['Vũ Văn Quang', 'Đỗ Thị Hằng']],
  ['dakngo', 'Đắk Ngo', 'Lò Văn Chiến', 'Bế Thị Liên', ['Nông Văn Cường', 'Hà Thị Vân']],
  ['quangtruc', 'Quảng Trực', 'Y Khu Niê', 'Trương Thị Kim', ['Đoàn Văn Tín', 'Phùng Thị My']],
  ['quangtam', 'Quảng Tâm', 'Nguyễn Hữu Lợi', 'Lê Thị Thanh', ['Huỳnh Văn Tài', 'Tô Thị Ánh']],
].map(([code, place, leader, clerk, specialists], index) => ({
  code: code as string,
  name: `UBND xã ${place as string}`,
  kind: OrganisationKind.Commune,
  abbreviation: 'UBND',
  placeName: place as string,
  identifierCode: `H38.08.${String(20 + index)}`,
  leader: { fullName: leader as string, position: 'Chủ tịch UBND xã' },
  clerk: clerk as string,
  specialists: specialists as [string, string],
}));

/** The district first, then its office and departments, then its communes. */
export const DEMO_ORGANISATIONS: { district: DemoOrganisation; children: DemoOrganisation[] } = {
  district: DISTRICT,
  children: [...UNITS, ...COMMUNES],
};

/** The people of a demo organisation: a leader, a clerk and two specialists. */
export function demoUsersOf(organisation: DemoOrganisation): DemoUser[] {
  const specialistTitle = organisation.kind === OrganisationKind.Commune ? 'Công chức' : 'Chuyên viên';
  return [
    { username: `${organisation.code}.lanhdao`, ...organisation.leader, roles: [Role.Leader] },
    { username: `${organisation.code}.vanthu`, fullName: organisation.clerk, position: 'Văn thư', roles: [Role.Clerk] },
    { username: `${organisation.code}.chuyenvien1`, fullName: organisation.specialists[0], position: specialistTitle, roles: [Role.Specialist] },
    { username: `${organisation.code}.chuyenvien2`, fullName: organisation.specialists[1], position: specialistTitle, roles: [Role.Specialist] },
  ];
}

/** Extra district people: the vice-chairman who signs "KT. CHỦ TỊCH", and the administrator. */
export const DEMO_DISTRICT_EXTRAS: DemoUser[] = [
  { username: 'tuyduc.phochutich', fullName: 'Trần Quốc Bảo', position: 'Phó Chủ tịch UBND huyện', roles: [Role.Leader] },
  { username: 'admin', fullName: 'Quản trị hệ thống', position: 'Quản trị viên', roles: [Role.Admin] },
];

export const DEMO_EMAIL_DOMAIN = 'tuyduc.example';

/** The demo accounts as a table for the terminal, one row per person to try first. */
export function demoLoginTable(): string {
  const rows: Array<[string, string, string]> = [['admin', 'Quản trị hệ thống', 'admin']];
  const show = (o: DemoOrganisation) => demoUsersOf(o).slice(0, 3).map((u) => [u.username, `${u.fullName} — ${u.position}, ${o.name}`, u.roles.join(',')] as [string, string, string]);
  rows.push(...show(DEMO_ORGANISATIONS.district));
  rows.push(['tuyduc.phochutich', 'Trần Quốc Bảo — Phó Chủ tịch UBND huyện', 'leader']);
  for (const code of ['tuyduc-nv', 'quangtan']) {
    rows.push(...show(DEMO_ORGANISATIONS.children.find((o) => o.code === code) as DemoOrganisation));
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  return [
    `Demo logins (password for every account: ${DEMO_PASSWORD})`,
    ...rows.map(([user, who, roles]) => `  ${user.padEnd(width)}  ${who} [${roles}]`),
    '  Every organisation has <code>.lanhdao, <code>.vanthu, <code>.chuyenvien1, <code>.chuyenvien2;',
    `  codes: ${[DEMO_ORGANISATIONS.district, ...DEMO_ORGANISATIONS.children].map((o) => o.code).join(', ')}`,
  ].join('\n');
}
