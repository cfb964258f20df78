import { OrganisationDto, UserDto } from '@vanthu/shared/contracts';

import { startTestApp, TestApp } from '../test/harness';

describe('access is checked on the server: role and organisation', () => {
  let t: TestApp;
  let organisations: OrganisationDto[];
  const idOf = (code: string) => organisations.find((o) => o.code === code)!.id;

  beforeAll(async () => {
    t = await startTestApp('access');
    const { agent } = await t.logIn('admin');
    organisations = (await agent.get('/api/organisations').expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the whole district tree, parents before children, for any logged-in user', async () => {
    const { agent } = await t.logIn('dakrtih.chuyenvien1');
    const list: OrganisationDto[] = (await agent.get('/api/organisations').expect(200)).body;
    expect(list).toHaveLength(13);
    expect(list[0]).toMatchObject({ code: 'tuyduc', kind: 'district', parentId: null, abbreviation: 'UBND' });
    const communes = list.filter((o) => o.kind === 'commune').map((o) => o.name);
    expect(communes).toEqual(
      expect.arrayContaining(['UBND xã Quảng Tân', 'UBND xã Đắk Buk So', "UBND xã Đắk R'Tíh", 'UBND xã Đắk Ngo', 'UBND xã Quảng Trực', 'UBND xã Quảng Tâm']),
    );
    const seen = new Set<number>();
    for (const o of list) {
      if (o.parentId !== null) expect(seen.has(o.parentId)).toBe(true);
      seen.add(o.id);
    }
  });

  it('refuses a specialist every admin endpoint with 403 in both languages', async () => {
    const { agent } = await t.logIn('tuyduc-nv.chuyenvien1');
    const calls = [
      agent.get('/api/admin/users'),
      agent.post('/api/admin/users').send({}),
      agent.patch('/api/admin/users/1').send({ active: false }),
      agent.post('/api/admin/organisations').send({}),
      agent.patch(`/api/admin/organisations/${idOf('tuyduc')}`).send({ name: 'x' }),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        statusCode: 403,
        code: 'FORBIDDEN',
        message: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
      });
    }
  });

  it('refuses a commune user the members of another commune, but shows their own', async () => {
    const { agent } = await t.logIn('quangtan.lanhdao');
    const own: UserDto[] = (await agent.get(`/api/organisations/${idOf('quangtan')}/members`).expect(200)).body;
    expect(own.map((u) => u.username).sort()).toEqual(['quangtan.chuyenvien1', 'quangtan.chuyenvien2', 'quangtan.lanhdao', 'quangtan.vanthu']);
    for (const other of ['quangtam', 'dakngo', 'tuyduc', 'tuyduc-nv']) {
      const refused = await agent.get(`/api/organisations/${idOf(other)}/members`).expect(404);
      expect(refused.body.code).toBe('NOT_FOUND');
      expect(refused.body.message.vi).toContain('không tồn tại');
    }
  });

  it('lets a department’s people see the district’s (to choose the chairman as signer), but no other department’s parent or commune', async () => {
    const { agent } = await t.logIn('tuyduc-nv.chuyenvien1');
    const district: UserDto[] = (await agent.get(`/api/organisations/${idOf('tuyduc')}/members`).expect(200)).body;
    expect(district.map((u) => u.username)).toContain('tuyduc.lanhdao');
    await agent.get(`/api/organisations/${idOf('quangtan')}/members`).expect(404);
    await agent.get(`/api/organisations/${idOf('tuyduc-tp')}/members`).expect(404);
  });

  it('lets the district see its office and departments but not a commune’s staff', async () => {
    const { agent } = await t.logIn('tuyduc.lanhdao');
    await agent.get(`/api/organisations/${idOf('tuyduc-nv')}/members`).expect(200);
    await agent.get(`/api/organisations/${idOf('quangtan')}/members`).expect(404);
  });

  it('keeps a commune administrator inside their own commune', async () => {
    const { agent: districtAdmin } = await t.logIn('admin');
    await districtAdmin
      .post('/api/admin/users')
      .send({
        username: 'quangtan.quantri',
        fullName: 'Nguyễn Văn Quản',
        position: 'Công chức Văn phòng - Thống kê',
        organisationId: idOf('quangtan'),
        roles: ['admin'],
        password: 'QuanTri2026',
      })
      .expect(201);
    const { agent: communeAdmin } = await t.logIn('quangtan.quantri', 'QuanTri2026');

    const own = await communeAdmin.get('/api/admin/users').expect(200);
    expect(own.body.items.every((u: UserDto) => u.organisationId === idOf('quangtan'))).toBe(true);
    expect(own.body.total).toBe(5);

    await communeAdmin.get('/api/admin/users').query({ organisationId: idOf('quangtam') }).expect(404);
    const quangtamClerk = (await districtAdmin.get('/api/admin/users').query({ organisationId: idOf('quangtam') })).body.items.find(
      (u: UserDto) => u.username === 'quangtam.vanthu',
    );
    await communeAdmin.patch(`/api/admin/users/${quangtamClerk.id}`).send({ active: false }).expect(404);
    await communeAdmin
      .post('/api/admin/users')
      .send({ username: 'quangtam.gian', fullName: 'X', position: 'Y', organisationId: idOf('quangtam'), roles: ['clerk'], password: 'MatKhau2026' })
      .expect(404);
    await communeAdmin.patch(`/api/admin/organisations/${idOf('tuyduc')}`).send({ name: 'Đổi tên' }).expect(404);
    // Nothing of another commune changed.
    const stillActive = (await districtAdmin.get('/api/admin/users').query({ organisationId: idOf('quangtam') })).body.items.find(
      (u: UserDto) => u.username === 'quangtam.vanthu',
    );
    expect(stillActive.active).toBe(true);
  });

  it('creates a department under the district, audited, and refuses a duplicate code', async () => {
    const { agent } = await t.logIn('admin');
    const created = await agent
      .post('/api/admin/organisations')
      .send({ parentId: idOf('tuyduc'), code: 'tuyduc-vhtt', name: 'Phòng Văn hóa và Thông tin', kind: 'department', abbreviation: 'VHTT' })
      .expect(201);
    expect(created.body).toMatchObject({ parentId: idOf('tuyduc'), name: 'Phòng Văn hóa và Thông tin', abbreviation: 'VHTT', active: true });
    const duplicate = await agent
      .post('/api/admin/organisations')
      .send({ parentId: idOf('tuyduc'), code: 'tuyduc-vhtt', name: 'Khác', kind: 'department', abbreviation: 'K' })
      .expect(409);
    expect(duplicate.body.code).toBe('CONFLICT');
    expect(duplicate.body.message.vi).toContain('tuyduc-vhtt');
  });

  it('ends a deactivated user’s sessions at once', async () => {
    const { agent: admin } = await t.logIn('admin');
    const { agent: clerk } = await t.logIn('dakbukso.vanthu');
    const target = (await admin.get('/api/admin/users').query({ organisationId: idOf('dakbukso') })).body.items.find(
      (u: UserDto) => u.username === 'dakbukso.vanthu',
    );
    await admin.patch(`/api/admin/users/${target.id}`).send({ active: false }).expect(200);
    await clerk.get('/api/auth/me').expect(401);
    await t.anonymous().post('/api/auth/login').send({ username: 'dakbukso.vanthu', password: 'Demo@123' }).expect(401);
  });
});
