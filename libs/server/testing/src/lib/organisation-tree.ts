import { hashPassword } from '@vanthu/server/core';
import { OrganisationKind, Role } from '@vanthu/shared/contracts';
import type { DataSource } from 'typeorm';

/** A person of a test tree; every one logs in with the tree's {@link OrganisationTree.password}. */
export interface TreePerson {
  username: string;
  fullName: string;
  position: string;
  roles: Role[];
}

/** An organisation of a test tree with its people. */
export interface TreeOrganisation {
  code: string;
  name: string;
  kind: OrganisationKind;
  abbreviation: string;
  placeName: string;
  people: TreePerson[];
}

/**
 * A whole organisation tree, two levels deep: the root (a province or a district) with its
 * administrator and people, and the organisations directly under it.
 */
export interface OrganisationTree {
  root: TreeOrganisation;
  /** The root's administrator, who builds the rest of the tree through the admin API. */
  admin: TreePerson;
  children: TreeOrganisation[];
  password: string;
}

/** A leader, a clerk and two specialists, named `<code>.lanhdao`, `.vanthu`, `.chuyenvien1`, `.chuyenvien2` as in the demo. */
function staff(code: string, leader: [string, string], clerk: string, specialists: [string, string], specialistPosition = 'Chuyên viên'): TreePerson[] {
  return [
    { username: `${code}.lanhdao`, fullName: leader[0], position: leader[1], roles: [Role.Leader] },
    { username: `${code}.vanthu`, fullName: clerk, position: 'Văn thư', roles: [Role.Clerk] },
    { username: `${code}.chuyenvien1`, fullName: specialists[0], position: specialistPosition, roles: [Role.Specialist] },
    { username: `${code}.chuyenvien2`, fullName: specialists[1], position: specialistPosition, roles: [Role.Specialist] },
  ];
}

function commune(code: string, level: 'xã' | 'phường', place: string, leader: string, clerk: string, specialists: [string, string]): TreeOrganisation {
  return {
    code,
    name: `UBND ${level} ${place}`,
    kind: OrganisationKind.Commune,
    abbreviation: 'UBND',
    placeName: place,
    people: staff(code, [leader, `Chủ tịch UBND ${level}`], clerk, specialists, 'Công chức'),
  };
}

/**
 * A province as it stands since the 2025 reorganisation, with no district between it and its
 * communes: UBND tỉnh Lâm Đồng, its office, two of its departments (sở) and a commune and two
 * wards. Codes start with `lamdong`/`ld-` so the tree sits beside the demo district in one
 * database. The people are invented; the password is the demo's, so test helpers log anyone in.
 */
export const PROVINCE_TREE: OrganisationTree = {
  root: {
    code: 'lamdong',
    name: 'UBND tỉnh Lâm Đồng',
    kind: OrganisationKind.Province,
    abbreviation: 'UBND',
    placeName: 'Lâm Đồng',
    people: [
      ...staff('lamdong', ['Phạm Minh Quân', 'Chủ tịch UBND tỉnh'], 'Lê Thị Thu Hà', ['Trần Văn Khoa', 'Đặng Thị Mỹ']),
      { username: 'lamdong.phochutich', fullName: 'Nguyễn Thị Hạnh', position: 'Phó Chủ tịch UBND tỉnh', roles: [Role.Leader] },
    ],
  },
  admin: { username: 'lamdong.quantri', fullName: 'Quản trị hệ thống tỉnh', position: 'Quản trị viên', roles: [Role.Admin] },
  children: [
    {
      code: 'lamdong-vp',
      name: 'Văn phòng UBND tỉnh',
      kind: OrganisationKind.Office,
      abbreviation: 'VP',
      placeName: 'Lâm Đồng',
      people: staff('lamdong-vp', ['Võ Thanh Tùng', 'Chánh Văn phòng'], 'Ngô Thị Lệ', ['Bùi Văn Hòa', 'Lý Thị Kim']),
    },
    {
      code: 'lamdong-snv',
      name: 'Sở Nội vụ',
      kind: OrganisationKind.Department,
      abbreviation: 'SNV',
      placeName: 'Lâm Đồng',
      people: staff('lamdong-snv', ['Huỳnh Quốc Việt', 'Giám đốc Sở Nội vụ'], 'Phan Thị Duyên', ['Đoàn Minh Trí', 'Mai Thị Ngân']),
    },
    {
      code: 'lamdong-stp',
      name: 'Sở Tư pháp',
      kind: OrganisationKind.Department,
      abbreviation: 'STP',
      placeName: 'Lâm Đồng',
      people: staff('lamdong-stp', ['Tôn Thất Bảo', 'Giám đốc Sở Tư pháp'], 'Châu Thị Hằng', ['Lưu Văn Tâm', 'Quách Thị Yến']),
    },
    commune('ld-quangtan', 'xã', 'Quảng Tân', 'K’ Bình', 'Hoàng Thị Mai', ['Điểu Văn Sang', 'Nguyễn Thị Lài']),
    commune('ld-bacgianghia', 'phường', 'Bắc Gia Nghĩa', 'Trịnh Văn Lực', 'Vũ Thị Hòa', ['Lê Quang Huy', 'Dương Thị Thảo']),
    commune('ld-xuanhuong', 'phường', 'Xuân Hương - Đà Lạt', 'Cao Minh Đức', 'Tạ Thị Ngọc', ['Hà Văn Long', 'Kiều Thị Vân']),
  ],
  password: 'Demo@123',
};

/**
 * Puts a tree's root organisation and its administrator into the database: the one step the admin
 * API refuses (it creates no tree root). Everything else of the tree goes through the admin API.
 */
export async function insertTreeRoot(dataSource: DataSource, tree: OrganisationTree): Promise<number> {
  const { root, admin } = tree;
  const inserted = await dataSource.query('INSERT INTO organisation (parent_id, path, code, name, kind, abbreviation, place_name) VALUES (NULL, ?, ?, ?, ?, ?, ?)', [
    '',
    root.code,
    root.name,
    root.kind,
    root.abbreviation,
    root.placeName,
  ]);
  const rootId = Number(inserted.insertId);
  await dataSource.query('UPDATE organisation SET path = ? WHERE id = ?', [`/${rootId}/`, rootId]);
  const user = await dataSource.query('INSERT INTO `user` (organisation_id, username, full_name, position, password_hash) VALUES (?, ?, ?, ?, ?)', [
    rootId,
    admin.username,
    admin.fullName,
    admin.position,
    await hashPassword(tree.password),
  ]);
  for (const role of admin.roles) {
    await dataSource.query('INSERT INTO user_role (user_id, role, organisation_id) VALUES (?, ?, ?)', [Number(user.insertId), role, rootId]);
  }
  return rootId;
}
