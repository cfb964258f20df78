/** The documents the benchmarks generate: Vietnamese subjects, senders and symbols, with the search words the API would index. */

export const WORDS = [
  'kế hoạch', 'quyết định', 'triển khai', 'chuyển đổi số', 'phòng chống', 'thiên tai', 'tiêm chủng', 'ngân sách', 'đất đai', 'giải phóng mặt bằng',
  'an toàn giao thông', 'cải cách hành chính', 'dân số', 'giáo dục', 'y tế', 'nông thôn mới', 'bảo hiểm xã hội', 'quốc phòng', 'tuyển quân', 'môi trường',
  'khoáng sản', 'rừng', 'cháy nổ', 'thuế', 'đầu tư công', 'xây dựng', 'văn hóa', 'thể thao', 'du lịch', 'lao động', 'việc làm', 'người có công',
];
export const SENDERS = ['UBND tỉnh Đắk Nông', 'Sở Nội vụ', 'Sở Tài chính', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Công an tỉnh', 'Huyện ủy Tuy Đức', 'UBND huyện Tuy Đức'];
export const TYPES: Array<[string, string, string]> = [
  ['quyet-dinh', 'QĐ', 'Quyết định'],
  ['ke-hoach', 'KH', 'Kế hoạch'],
  ['thong-bao', 'TB', 'Thông báo'],
  ['cong-van', '', 'Công văn'],
  ['bao-cao', 'BC', 'Báo cáo'],
  ['giay-moi', 'GM', 'Giấy mời'],
];

export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** The same word marking as the API's search index (libs/server/documents search-text.ts). */
export function tokens(text: string): string {
  return [...new Set(fold(text).split(/[^a-z0-9]+/).filter(Boolean).map((w) => (/^\d+$/.test(w) ? String(Number(w)) : w)).map((w) => (w.length === 1 ? `v${w}_` : `v${w}`)))].join(' ');
}

export function row(id: number, orgId: number, n: number, random: () => number): unknown[] {
  const [type, abbr, name] = TYPES[Math.floor(random() * TYPES.length)];
  const subject = `${name} về ${WORDS[Math.floor(random() * WORDS.length)]} và ${WORDS[Math.floor(random() * WORDS.length)]} năm 2026 (${n})`;
  const sender = SENDERS[Math.floor(random() * SENDERS.length)];
  const symbol = `${String((n % 900) + 1).padStart(2, '0')}/${abbr ? `${abbr}-` : ''}UBND`;
  const listedAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 320 * 86_400_000));
  return [id, orgId, 'incoming', type, 'registered', subject, random() < 0.1 ? 'khan' : 'thuong', 'thuong', symbol, sender, n, listedAt, listedAt, tokens(`${name} ${symbol} ${subject} ${sender} ${n}`), 1];
}

export function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

