/**
 * The text of the sample documents that pdf-lib and Ghostscript write (the LibreOffice, Chromium
 * and pdfTeX ones are their own source files beside this one). Made-up content in the shape of
 * Decree 30/2020: header with the issuer and the national motto, number and date, title, body,
 * recipients and signing block.
 *
 * The tests rely on what is NOT in some of them, so keep it that way when editing:
 * - the pdf-lib annex (`annex`) has no "Số: …" line, no "ngày … tháng … năm …" date, no signing
 *   line ("TM.", "KT.", "CHỦ TỊCH") and no "Nguyễn Văn Hùng": the stamp-place tests expect to find
 *   none, and the appearance tests look for the name only where they drew it;
 * - the Ghostscript report (`report`) has no "ỦY BAN" nor "Ủy ban nhân dân huyện Tuy Đức" nor
 *   "Số: 27/KH-UBND": the tests look for those in the appearances they draw on it;
 * - none is drawn in blue or red: the appearance tests find the signature and the seal by colour.
 */
import { A4, Block, MARGINS, Paragraph } from './layout';

const WIDTH = A4[0] - MARGINS.left - MARGINS.right;
const INDENT = 28.35; // 1 cm first-line indent

const body = (text: string, before = 6): Paragraph => ({ text, indent: INDENT, before });
const heading = (text: string, before = 6): Paragraph => ({ text, style: 'bold', indent: INDENT, before });
const centred = (text: string, style: Paragraph['style'] = 'bold', size = 13, before = 0): Paragraph => ({ text, style, size, align: 'center', before });

/** The header of Decree 30: issuer on the left, the motto on the right, number (and a letter's subject) and date under them. */
function header(issuer: string[], number: string, date: string, subject?: string): Block[] {
  const left = 190;
  return [
    {
      cells: [
        { width: left, paragraphs: issuer.map((line, i) => centred(line, i === issuer.length - 1 ? 'bold' : 'regular')) },
        { width: WIDTH - left, paragraphs: [centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 12), centred('Độc lập - Tự do - Hạnh phúc', 'bold', 13)] },
      ],
    },
    {
      before: 8,
      cells: [
        { width: left, paragraphs: [centred(number, 'regular'), ...(subject ? [centred(subject, 'regular', 12, 2)] : [])] },
        { width: WIDTH - left, paragraphs: [centred(date, 'italic')] },
      ],
    },
  ];
}

/** Recipients on the left, the signing block on the right, the signer's name under the space for the signature. */
function closing(recipients: string[], signingLines: string[], name: string): Block {
  const left = 220;
  return {
    before: 12,
    cells: [
      {
        width: left,
        paragraphs: [{ text: 'Nơi nhận:', style: 'boldItalic', size: 12, align: 'left' }, ...recipients.map((r): Paragraph => ({ text: r, size: 11, align: 'left' }))],
      },
      {
        width: WIDTH - left,
        paragraphs: [...signingLines.map((line) => centred(line)), centred(name, 'bold', 14, 66)],
      },
    ],
  };
}

/** BÁO CÁO of Phòng Nội vụ, two pages: what Ghostscript writes. */
export const report: Block[] = [
  ...header(['UBND HUYỆN TUY ĐỨC', 'PHÒNG NỘI VỤ'], 'Số: 15/BC-PNV', 'Tuy Đức, ngày 28 tháng 3 năm 2025'),
  centred('BÁO CÁO', 'bold', 14, 24),
  centred('Kết quả công tác cải cách hành chính quý I năm 2025', 'bold', 14),
  body('Thực hiện Kế hoạch cải cách hành chính năm 2025 của UBND huyện, Phòng Nội vụ báo cáo kết quả thực hiện quý I năm 2025 như sau:', 18),
  heading('I. KẾT QUẢ THỰC HIỆN'),
  heading('1. Công tác chỉ đạo, điều hành'),
  body(
    'Phòng Nội vụ đã tham mưu UBND huyện ban hành 03 kế hoạch và 05 văn bản chỉ đạo, đôn đốc các phòng, ban chuyên môn và UBND các xã triển khai nhiệm vụ cải cách hành chính; tổ chức 01 cuộc kiểm tra tại UBND xã Quảng Tân và xã Đắk Ngo.',
  ),
  heading('2. Cải cách thủ tục hành chính'),
  body(
    'Trong quý, Bộ phận Một cửa của huyện tiếp nhận 1.284 hồ sơ, trong đó 1.102 hồ sơ nộp trực tuyến (đạt 85,8%); đã giải quyết 1.236 hồ sơ, đúng hạn 1.219 hồ sơ (đạt 98,6%), trễ hạn 17 hồ sơ thuộc lĩnh vực đất đai; còn 48 hồ sơ đang giải quyết trong hạn.',
  ),
  heading('3. Cải cách tổ chức bộ máy và chế độ công vụ'),
  body(
    'Rà soát vị trí việc làm của 11 phòng, ban chuyên môn; tiếp nhận và điều động 06 công chức cấp xã theo đúng quy định; 100% cán bộ, công chức cấp huyện xử lý công việc trên phần mềm quản lý văn bản và điều hành.',
  ),
  heading('4. Xây dựng chính quyền điện tử, chính quyền số'),
  body(
    'Tỷ lệ văn bản đi được ký số đạt 97%; 6/6 xã đã liên thông văn bản điện tử với huyện; hệ thống hội nghị truyền hình trực tuyến được sử dụng cho 09 cuộc họp của huyện với các xã.',
  ),
  heading('II. TỒN TẠI, HẠN CHẾ'),
  body(
    'Một số hồ sơ đất đai còn trễ hạn do phải xác minh nguồn gốc sử dụng đất; đường truyền Internet tại xã Quảng Trực chưa ổn định, ảnh hưởng đến việc tiếp nhận hồ sơ trực tuyến và ký số văn bản của xã.',
  ),
  heading('III. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2025'),
  body('1. Tiếp tục rà soát, đề xuất đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai, xây dựng.'),
  body('2. Phối hợp với Viễn thông Đắk Nông khắc phục đường truyền tại xã Quảng Trực trước ngày 30/4/2025.'),
  body('3. Kiểm tra công tác cải cách hành chính tại UBND xã Quảng Tâm và xã Đắk R’Tíh.'),
  body('Trên đây là báo cáo kết quả công tác cải cách hành chính quý I năm 2025 của Phòng Nội vụ./.'),
  closing(['- UBND huyện (b/c);', '- Lãnh đạo phòng;', '- Lưu: VT, NV.'], ['TRƯỞNG PHÒNG'], 'Lê Thị Hoa'),
];

const procedures: Array<[string, string[]]> = [
  [
    'I. LĨNH VỰC HỘ TỊCH',
    [
      'Đăng ký khai sinh có yếu tố nước ngoài: 15 ngày.',
      'Đăng ký kết hôn có yếu tố nước ngoài: 15 ngày.',
      'Đăng ký khai tử có yếu tố nước ngoài: 03 ngày làm việc.',
      'Thay đổi, cải chính, bổ sung thông tin hộ tịch có yếu tố nước ngoài: 03 ngày làm việc.',
      'Ghi vào sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài: 05 ngày làm việc.',
    ],
  ],
  [
    'II. LĨNH VỰC THÀNH LẬP VÀ HOẠT ĐỘNG CỦA HỘ KINH DOANH',
    [
      'Đăng ký thành lập hộ kinh doanh: 03 ngày làm việc.',
      'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh: 03 ngày làm việc.',
      'Tạm ngừng hoạt động hộ kinh doanh: 03 ngày làm việc.',
      'Chấm dứt hoạt động hộ kinh doanh: 03 ngày làm việc.',
    ],
  ],
  [
    'III. LĨNH VỰC XÂY DỰNG',
    [
      'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ: 15 ngày.',
      'Cấp giấy phép xây dựng sửa chữa, cải tạo công trình: 15 ngày.',
      'Gia hạn giấy phép xây dựng: 05 ngày làm việc.',
      'Cấp lại giấy phép xây dựng: 05 ngày làm việc.',
    ],
  ],
  [
    'IV. LĨNH VỰC ĐẤT ĐAI',
    [
      'Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho, thừa kế: 10 ngày làm việc.',
      'Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền: 15 ngày làm việc.',
      'Tách thửa hoặc hợp thửa đất: 15 ngày làm việc.',
      'Cấp đổi giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất: 07 ngày làm việc.',
    ],
  ],
  [
    'V. LĨNH VỰC CHỨNG THỰC',
    [
      'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của nước ngoài cấp: trong ngày.',
      'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật: trong ngày.',
      'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản: 02 ngày làm việc.',
    ],
  ],
  [
    'VI. LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO',
    [
      'Thành lập trường tiểu học công lập, cho phép thành lập trường tiểu học tư thục: 20 ngày làm việc.',
      'Cho phép trường trung học cơ sở hoạt động giáo dục: 20 ngày làm việc.',
      'Chuyển trường đối với học sinh trung học cơ sở: 03 ngày làm việc.',
    ],
  ],
  [
    'VII. LĨNH VỰC BẢO TRỢ XÃ HỘI',
    [
      'Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở: 05 ngày làm việc.',
      'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng khi đối tượng thay đổi nơi cư trú: 10 ngày làm việc.',
    ],
  ],
];

/** PHỤ LỤC: the list of district procedures, two pages, no header: what pdf-lib writes with a classic xref. */
export const annex: Block[] = [
  centred('PHỤ LỤC', 'bold', 14),
  centred('DANH MỤC THỦ TỤC HÀNH CHÍNH TIẾP NHẬN TẠI BỘ PHẬN MỘT CỬA CẤP HUYỆN', 'bold', 14),
  centred('(Kèm theo Kế hoạch số 12/KH-UBND của UBND huyện Tuy Đức, ban hành 15/01/2025)', 'italic', 13, 2),
  ...procedures.flatMap(([group, items], g): Block[] => [
    { text: group, style: 'bold', size: 13, align: 'left', before: g === 0 ? 24 : 12 },
    ...items.map((item, i): Paragraph => ({ text: `${procedures.slice(0, g).reduce((n, [, list]) => n + list.length, 0) + i + 1}. ${item}`, size: 13, indent: INDENT, before: 4 })),
  ]),
  body('Thời hạn giải quyết tính từ ngày Bộ phận Một cửa nhận đủ hồ sơ hợp lệ; hồ sơ nộp trực tuyến có giá trị như hồ sơ nộp trực tiếp.', 18),
];

/** GIẤY MỜI with its programme on a second page: what pdf-lib writes with object streams. */
export const invitation: Block[] = [
  ...header(['UBND HUYỆN TUY ĐỨC', 'VĂN PHÒNG HĐND VÀ UBND'], 'Số: 08/GM-VP', 'Tuy Đức, ngày 03 tháng 3 năm 2025'),
  centred('GIẤY MỜI', 'bold', 14, 24),
  centred('Hội nghị triển khai phần mềm quản lý văn bản và điều hành', 'bold', 14),
  body('Văn phòng HĐND và UBND huyện trân trọng kính mời:', 18),
  body('- Lãnh đạo các phòng, ban, đơn vị thuộc UBND huyện;'),
  body('- Chủ tịch UBND các xã: Quảng Tân, Đắk Buk So, Đắk R’Tíh, Đắk Ngo, Quảng Trực, Quảng Tâm;'),
  body('- Công chức Văn phòng - Thống kê các xã.'),
  body('Tham dự Hội nghị triển khai phần mềm quản lý văn bản và điều hành, chữ ký số và liên thông văn bản điện tử năm 2025.'),
  body('Chủ trì: Đồng chí Phó Chủ tịch UBND huyện.'),
  body('Thời gian: 01 buổi, bắt đầu lúc 07 giờ 30 phút, thứ Năm, ngày 13/3/2025.'),
  body('Địa điểm: Hội trường UBND huyện, xã Đắk Buk So, huyện Tuy Đức.'),
  body('Các đại biểu mang theo máy tính xách tay và thiết bị ký số đã được cấp để thực hành. Đề nghị các đại biểu tham dự đúng thành phần, thời gian./.'),
  closing(['- Như trên;', '- Lãnh đạo UBND huyện (b/c);', '- Lưu: VT.'], ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'], 'Trần Minh Tuấn'),
  { pageBreak: true },
  centred('CHƯƠNG TRÌNH HỘI NGHỊ', 'bold', 14),
  centred('(Kèm theo Giấy mời số 08/GM-VP của Văn phòng HĐND và UBND huyện)', 'italic', 13),
  ...[
    '07 giờ 30 - 08 giờ 00: Đón tiếp đại biểu, phát tài liệu.',
    '08 giờ 00 - 08 giờ 15: Tuyên bố lý do, giới thiệu đại biểu.',
    '08 giờ 15 - 09 giờ 00: Giới thiệu quy trình xử lý văn bản đến, văn bản đi trên phần mềm; cấp số, vào sổ và phát hành văn bản điện tử.',
    '09 giờ 00 - 09 giờ 45: Hướng dẫn ký số văn bản bằng thiết bị ký số của lãnh đạo và của cơ quan, kiểm tra chữ ký số trên văn bản đến.',
    '09 giờ 45 - 10 giờ 00: Giải lao.',
    '10 giờ 00 - 11 giờ 00: Thực hành trên máy của đại biểu: soạn dự thảo, trình ký, ký số, phát hành và tiếp nhận văn bản liên thông.',
    '11 giờ 00 - 11 giờ 30: Trao đổi, giải đáp vướng mắc; kết luận hội nghị.',
  ].map((line, i) => ({ text: line, size: 13, indent: INDENT, before: i === 0 ? 24 : 6 })),
];

/** CÔNG VĂN of a company, one page: what pdf-lib writes and @signpdf signs with the company's self-signed certificate. */
export const companyLetter: Block[] = [
  ...header(['CÔNG TY TNHH TƯ VẤN', 'XÂY DỰNG GIA NGHĨA'], 'Số: 32/2025/CV-GN', 'Gia Nghĩa, ngày 20 tháng 02 năm 2025', 'V/v đề nghị cấp giấy phép xây dựng\nNhà văn hóa xã Quảng Tâm'),
  { text: 'Kính gửi: UBND huyện Tuy Đức.', align: 'center', before: 18 },
  body(
    'Công ty TNHH Tư vấn Xây dựng Gia Nghĩa là đơn vị tư vấn thiết kế công trình Nhà văn hóa xã Quảng Tâm theo hợp đồng số 05/2025/HĐTV ngày 10/01/2025 với Ban Quản lý dự án đầu tư xây dựng huyện.',
    18,
  ),
  body('Thay mặt chủ đầu tư, Công ty kính đề nghị UBND huyện xem xét, cấp giấy phép xây dựng công trình nêu trên. Hồ sơ kèm theo gồm:'),
  body('- Đơn đề nghị cấp giấy phép xây dựng;'),
  body('- Bản sao quyết định phê duyệt báo cáo kinh tế - kỹ thuật;'),
  body('- Hai bộ bản vẽ thiết kế xây dựng có chữ ký số của chủ trì thiết kế.'),
  body('Công ty cam kết chịu trách nhiệm về tính chính xác của hồ sơ và xin trân trọng cảm ơn./.'),
  closing(['- Như trên;', '- Ban QLDA huyện;', '- Lưu: VT.'], ['GIÁM ĐỐC'], 'Phạm Quốc Bảo'),
];
