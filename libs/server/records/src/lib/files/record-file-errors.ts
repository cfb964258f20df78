import { DomainError, NotFound } from '@vanthu/server/core';
import { ErrorCode } from '@vanthu/shared/contracts';

export class RecordFileNotFound extends NotFound {
  constructor() {
    super({ vi: 'Hồ sơ', en: 'The file' });
  }
}

export class RecordFileClosed extends DomainError {
  constructor() {
    super(409, ErrorCode.RecordFileClosed, {
      vi: 'Hồ sơ đã kết thúc: không thêm, bớt văn bản hay sửa thông tin được nữa.',
      en: 'The file is closed: documents can no longer be added or removed, nor its details changed.',
    });
  }
}

export class RecordFileOpen extends DomainError {
  constructor() {
    super(409, ErrorCode.RecordFileOpen, {
      vi: 'Chỉ xuất được hồ sơ đã kết thúc. Hãy kết thúc hồ sơ trước khi xuất.',
      en: 'Only a closed file can be exported. Close the file first.',
    });
  }
}

export class RecordFileCodeTaken extends DomainError {
  constructor(code: string, year: number) {
    super(409, ErrorCode.RecordFileCodeTaken, {
      vi: `Danh mục hồ sơ năm ${year} đã có hồ sơ số, ký hiệu "${code}".`,
      en: `The ${year} file list already has a file numbered "${code}".`,
    });
  }
}

export class RecordFileEmpty extends DomainError {
  constructor() {
    super(409, ErrorCode.RecordFileEmpty, {
      vi: 'Hồ sơ chưa có văn bản nào nên chưa kết thúc được.',
      en: 'The file has no documents yet, so it cannot be closed.',
    });
  }
}
