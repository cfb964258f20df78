import { OutboxEventType } from '@vanthu/server/data-access';
import { ALL_NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from '@vanthu/shared/contracts';

import { composeEmail, NotificationEvent, renderNotification, shorten } from './notification-texts';

function event(type: string, payload: Partial<NotificationEvent['payload']> = {}, documentId: string | null = '42'): NotificationEvent {
  return {
    id: '7',
    type,
    documentId,
    payload: { subject: 'Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ', symbol: '27/KH-UBND', senderName: 'UBND huyện Tuy Đức', deadline: '2026-03-05', ...payload },
    createdAt: new Date('2026-03-02T02:00:00Z'),
    actor: { fullName: 'Trần Thị Mai', position: 'Văn thư' },
  };
}

describe('notification texts', () => {
  it('knows every outbox event kind, under the same names the web app uses', () => {
    expect([...ALL_NOTIFICATION_KINDS].sort()).toEqual(Object.values(OutboxEventType).sort());
    // Signing keys and accounts are not documents: their titles name no document.
    const aboutDocuments = ALL_NOTIFICATION_KINDS.filter((kind) => !kind.startsWith('credential.') && !kind.startsWith('account.'));
    expect(aboutDocuments.length).toBe(ALL_NOTIFICATION_KINDS.length - 3);
    for (const kind of ALL_NOTIFICATION_KINDS) expect(NOTIFICATION_KIND_LABELS[kind].vi).toBeTruthy();
    for (const kind of aboutDocuments) {
      const text = renderNotification(event(kind));
      expect(text.title.vi).toMatch(/27\/KH-UBND$/);
      expect(text.title.en).toMatch(/27\/KH-UBND$/);
      expect(text.title.vi).not.toBe(text.title.en);
    }
  });

  it('titles a dispatch by its symbol and lists the other details (not the symbol again) in both languages with the deadline as dd/MM/yyyy', () => {
    const text = renderNotification(event(OutboxEventType.DocumentDispatched));
    expect(text).toEqual({
      title: { vi: 'Văn bản đến mới: 27/KH-UBND', en: 'New incoming document: 27/KH-UBND' },
      body: {
        vi: 'Trích yếu: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ\nNơi gửi: UBND huyện Tuy Đức\nHạn xử lý: 05/03/2026',
        en: 'Subject: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ\nFrom: UBND huyện Tuy Đức\nDeadline: 05/03/2026',
      },
      link: '/documents/42',
    });
  });

  it('tells the sender’s clerks which recipient registered their document and under which arrival number, in both languages', () => {
    const text = renderNotification(event(OutboxEventType.DeliveryRegistered, { senderName: null, deadline: null, recipientName: 'UBND xã Quảng Tâm', arrivalNumber: '07' }));
    expect(text.title).toEqual({ vi: 'UBND xã Quảng Tâm đã vào sổ, số đến 07: 27/KH-UBND', en: 'UBND xã Quảng Tâm registered it as arrival number 07: 27/KH-UBND' });
    // The in-app card: the title names the symbol, so the lines beneath do not repeat it.
    expect(text.body.vi).toBe(
      'Trích yếu: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ\nNơi nhận: UBND xã Quảng Tâm\nSố đến: 07\nNgười vào sổ: Trần Thị Mai (Văn thư)',
    );
    expect(text.body.en).toBe(
      'Subject: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ\nRecipient: UBND xã Quảng Tâm\nArrival number: 07\nRegistered by: Trần Thị Mai (Văn thư)',
    );
    const mail = composeEmail(event(OutboxEventType.DeliveryRegistered, { recipientName: 'UBND xã Quảng Tâm', arrivalNumber: '07' }), { fullName: 'Lê Văn A' }, 'https://vanthu.example');
    expect(mail.text).toContain('UBND xã Quảng Tâm đã vào sổ văn bản đến do đơn vị Ông/Bà gửi.');
    expect(mail.subject).toContain('Kế hoạch tổ chức Tết');
  });

  it('tells the recipient’s clerks that the sender withdrew, replaced or updated their copy, with the reason', () => {
    const revoked = renderNotification(event(OutboxEventType.DocumentRecalled, { deadline: null, recall: 'revoke', comment: 'Sai thời gian tổ chức.' }));
    expect(revoked.title).toEqual({ vi: 'Văn bản đến bị thu hồi: 27/KH-UBND', en: 'Incoming document withdrawn by its sender: 27/KH-UBND' });
    expect(revoked.body.vi).toContain('Nơi gửi: UBND huyện Tuy Đức\nViệc: Thu hồi (văn bản dừng xử lý)\nLý do: Sai thời gian tổ chức.');
    expect(revoked.body.en).toContain('From: UBND huyện Tuy Đức\nWhat: Withdrawn (the document is no longer handled)\nReason: Sai thời gian tổ chức.');
    const replaced = renderNotification(event(OutboxEventType.DocumentRecalled, { recall: 'replace', replacementSymbol: '30/KH-UBND', comment: 'Thay đổi địa điểm.' }));
    expect(replaced.title).toEqual({ vi: 'Văn bản đến bị thay thế: 27/KH-UBND', en: 'Incoming document replaced by its sender: 27/KH-UBND' });
    expect(replaced.body.vi).toContain('Văn bản thay thế: 30/KH-UBND');
    expect(replaced.body.en).toContain('Replacing document: 30/KH-UBND');
    expect(replaced.link).toBe('/documents/42');
    const mail = composeEmail(event(OutboxEventType.DocumentRecalled, { recall: 'replace' }), { fullName: 'Lê Văn A' }, 'https://vanthu.example');
    expect(mail.text).toContain('UBND huyện Tuy Đức đã thay thế văn bản dưới đây');
    expect(mail.text).toContain('Đề nghị văn thư xác nhận đã nhận thông báo.');
    // A copy that came from another system by edXML has no acknowledgement to give.
    const fromOutside = composeEmail(event(OutboxEventType.DocumentRecalled, { recall: 'revoke', acknowledge: false }), { fullName: 'Lê Văn A' }, 'https://vanthu.example');
    expect(fromOutside.text).toContain('UBND huyện Tuy Đức đã thu hồi văn bản dưới đây: văn bản dừng xử lý.');
    expect(fromOutside.text).not.toContain('xác nhận');
  });

  it('names a draft (no number yet) by its subject, the reviewer as sender, and the comment as a reason', () => {
    const text = renderNotification(event(OutboxEventType.DocumentReturned, { symbol: null, senderName: null, deadline: null, comment: 'Bổ sung số liệu quý IV' }));
    expect(text.title.vi).toBe('Dự thảo bị trả lại: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ');
    // The title names the subject: the lines under it do not repeat it (issue 16, item 9).
    expect(text.body.vi).toBe('Người gửi: Trần Thị Mai (Văn thư)\nLý do: Bổ sung số liệu quý IV');
    expect(text.body.en).toContain('Reason: Bổ sung số liệu quý IV');
  });

  it('tells a leader their key locked, until when in Vietnam time, and a clerk about the seal, with no document link', () => {
    const locked = (ownerType: string) =>
      event(OutboxEventType.CredentialLocked, { symbol: null, senderName: null, deadline: null, subject: 'CN=Nguyễn Văn Hùng\ntitle=Chủ tịch UBND huyện\nO=UBND huyện Tuy Đức', ownerType, failures: 5, lockedUntil: '2026-11-30T07:45:00.000Z' }, null);
    const text = renderNotification(locked('user'));
    expect(text).toEqual({
      title: { vi: 'Chứng thư số của Ông/Bà bị tạm khóa do nhập sai mã PIN', en: 'Your signing certificate is locked after wrong PINs' },
      body: {
        vi: 'Chứng thư số: Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức\nKhóa đến (giờ Việt Nam): 30/11/2026 14:45\nSố lần nhập sai liên tiếp: 5\nMở khóa sớm: quản trị hệ thống (Quản trị › Chứng thư số › Mở khóa)',
        en: 'Certificate: Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức\nLocked until (Vietnam time): 30/11/2026 14:45\nWrong PINs in a row: 5\nUnlock earlier: the system administrator (Administration › Certificates › Unlock)',
      },
      link: null,
    });
    expect(renderNotification(locked('organisation')).title.vi).toBe('Con dấu số của cơ quan bị tạm khóa do nhập sai mã PIN');
    const mail = composeEmail(locked('user'), { fullName: 'Nguyễn Văn Hùng' }, 'https://vanthu.tuyduc.gov.vn');
    expect(mail.subject).toBe('Chứng thư số của Ông/Bà bị tạm khóa do nhập sai mã PIN');
    expect(mail.text).toContain('Nếu không phải Ông/Bà nhập, hãy báo ngay cho quản trị hệ thống.');
    expect(mail.text).not.toContain('Xem văn bản');
  });

  it('tells a leader that an administrator gave them a new key to choose a PIN for, or reset their password, naming who did it', () => {
    const issued = renderNotification(event(OutboxEventType.CredentialChanged, { symbol: null, subject: 'Nguyễn Văn Hùng, UBND huyện Tuy Đức', ownerType: 'user', change: 'issued', awaitingPin: true }, null));
    expect(issued.title).toEqual({ vi: 'Chứng thư số mới của Ông/Bà: hãy đặt mã PIN', en: 'Your new signing certificate: choose its PIN' });
    expect(issued.body.vi).toBe(
      'Chứng thư số: Nguyễn Văn Hùng, UBND huyện Tuy Đức\nNgười thực hiện: Trần Thị Mai (Văn thư)\nViệc cần làm: Ông/Bà tự đặt mã PIN: menu tài khoản › Mã PIN chữ ký số. Quản trị không biết và không đặt được mã PIN này.',
    );
    const reset = renderNotification(event(OutboxEventType.PasswordReset, { symbol: null, subject: 'Nguyễn Văn Hùng', username: 'tuyduc.lanhdao' }, null));
    expect(reset).toMatchObject({ title: { vi: 'Quản trị đã đặt lại mật khẩu của Ông/Bà' }, body: { vi: 'Tài khoản: tuyduc.lanhdao\nNgười thực hiện: Trần Thị Mai (Văn thư)' }, link: null });
  });

  it('still tells people about an event kind it does not know yet', () => {
    expect(renderNotification(event('document.archived')).title).toEqual({ vi: 'Thông báo về văn bản: 27/KH-UBND', en: 'About a document: 27/KH-UBND' });
  });

  it('writes the e-mail in Vietnamese with the link to the recipient’s own copy, in text and HTML', () => {
    const mail = composeEmail(event(OutboxEventType.DocumentDispatched), { fullName: 'Phạm Thị Xuân' }, 'https://vanthu.tuyduc.gov.vn/');
    expect(mail.subject).toBe('Văn bản đến mới: 27/KH-UBND — Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ');
    expect(mail.text.split('\n').slice(0, 9)).toEqual([
      'Kính gửi Ông/Bà Phạm Thị Xuân,',
      '',
      'Đơn vị của Ông/Bà vừa nhận được văn bản đến mới trên hệ thống VănThư.',
      '',
      'Số, ký hiệu: 27/KH-UBND',
      'Trích yếu: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ',
      'Nơi gửi: UBND huyện Tuy Đức',
      'Hạn xử lý: 05/03/2026',
      '',
    ]);
    expect(mail.text).toContain('Xem văn bản: https://vanthu.tuyduc.gov.vn/documents/42\n');
    expect(mail.html).toContain('<a href="https://vanthu.tuyduc.gov.vn/documents/42">Xem văn bản</a>');
    expect(mail.html).toContain('<td style="padding:2px 0">05/03/2026</td>');
  });

  it('escapes what people typed in the HTML e-mail', () => {
    const mail = composeEmail(event(OutboxEventType.DocumentAssigned, { subject: 'Về việc <script>alert("x")</script> & "ngoặc"' }), { fullName: "H'Lan Êban" }, 'http://localhost:3000');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Về việc &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;ngoặc&quot;');
    expect(mail.html).toContain('Kính gửi Ông/Bà H&#39;Lan Êban,');
    expect(mail.text).toContain('Trích yếu: Về việc <script>alert("x")</script> & "ngoặc"');
  });

  it('shortens long subjects at a word boundary', () => {
    expect(shorten('Kế hoạch   triển khai\ncông tác', 100)).toBe('Kế hoạch triển khai công tác');
    expect(shorten('Kế hoạch triển khai công tác chuyển đổi số', 20)).toBe('Kế hoạch triển khai…');
  });
});
