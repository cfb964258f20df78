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
    for (const kind of ALL_NOTIFICATION_KINDS) {
      expect(NOTIFICATION_KIND_LABELS[kind].vi).toBeTruthy();
      const text = renderNotification(event(kind));
      expect(text.title.vi).toMatch(/27\/KH-UBND$/);
      expect(text.title.en).toMatch(/27\/KH-UBND$/);
      expect(text.title.vi).not.toBe(text.title.en);
    }
  });

  it('titles a dispatch by its symbol and lists the details in both languages with the deadline as dd/MM/yyyy', () => {
    const text = renderNotification(event(OutboxEventType.DocumentDispatched));
    expect(text).toEqual({
      title: { vi: 'Văn bản đến mới: 27/KH-UBND', en: 'New incoming document: 27/KH-UBND' },
      body: {
        vi: 'Số, ký hiệu: 27/KH-UBND\nTrích yếu: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ\nNơi gửi: UBND huyện Tuy Đức\nHạn xử lý: 05/03/2026',
        en: 'Number and symbol: 27/KH-UBND\nSubject: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ\nFrom: UBND huyện Tuy Đức\nDeadline: 05/03/2026',
      },
      link: '/documents/42',
    });
  });

  it('names a draft (no number yet) by its subject, the reviewer as sender, and the comment as a reason', () => {
    const text = renderNotification(event(OutboxEventType.DocumentReturned, { symbol: null, senderName: null, deadline: null, comment: 'Bổ sung số liệu quý IV' }));
    expect(text.title.vi).toBe('Dự thảo bị trả lại: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ');
    expect(text.body.vi).toBe('Trích yếu: Kế hoạch tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ\nNgười gửi: Trần Thị Mai (Văn thư)\nLý do: Bổ sung số liệu quý IV');
    expect(text.body.en).toContain('Reason: Bổ sung số liệu quý IV');
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
