import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, LocalizedText } from '@vanthu/shared/contracts';

import { ValidationFailed } from './domain-error';

// class-validator speaks English only; these are the constraints our DTOs use, in both languages.
const MESSAGES: Record<string, (field: string, args: string[]) => LocalizedText> = {
  isNotEmpty: (f) => ({ vi: `Trường "${f}" không được để trống.`, en: `"${f}" must not be empty.` }),
  isDefined: (f) => ({ vi: `Thiếu trường "${f}".`, en: `"${f}" is missing.` }),
  isString: (f) => ({ vi: `Trường "${f}" phải là chuỗi ký tự.`, en: `"${f}" must be text.` }),
  isInt: (f) => ({ vi: `Trường "${f}" phải là số nguyên.`, en: `"${f}" must be a whole number.` }),
  isBoolean: (f) => ({ vi: `Trường "${f}" phải là đúng/sai.`, en: `"${f}" must be true or false.` }),
  isEmail: (f) => ({ vi: `Trường "${f}" phải là địa chỉ e-mail hợp lệ.`, en: `"${f}" must be a valid e-mail address.` }),
  isEnum: (f) => ({ vi: `Giá trị của "${f}" không hợp lệ.`, en: `"${f}" has a value that is not allowed.` }),
  isIn: (f) => ({ vi: `Giá trị của "${f}" không hợp lệ.`, en: `"${f}" has a value that is not allowed.` }),
  isArray: (f) => ({ vi: `Trường "${f}" phải là danh sách.`, en: `"${f}" must be a list.` }),
  arrayNotEmpty: (f) => ({ vi: `Danh sách "${f}" không được rỗng.`, en: `"${f}" must not be an empty list.` }),
  arrayMinSize: (f) => ({ vi: `Danh sách "${f}" không được rỗng.`, en: `"${f}" must not be an empty list.` }),
  matches: (f) => ({ vi: `Trường "${f}" sai định dạng.`, en: `"${f}" has the wrong format.` }),
  isDateString: (f) => ({ vi: `Trường "${f}" phải là ngày hợp lệ.`, en: `"${f}" must be a valid date.` }),
  isISO8601: (f) => ({ vi: `Trường "${f}" phải là ngày hợp lệ.`, en: `"${f}" must be a valid date.` }),
  minLength: (f) => ({ vi: `Trường "${f}" quá ngắn.`, en: `"${f}" is too short.` }),
  maxLength: (f) => ({ vi: `Trường "${f}" quá dài.`, en: `"${f}" is too long.` }),
  min: (f) => ({ vi: `Giá trị của "${f}" quá nhỏ.`, en: `"${f}" is too small.` }),
  max: (f) => ({ vi: `Giá trị của "${f}" quá lớn.`, en: `"${f}" is too large.` }),
  whitelistValidation: (f) => ({ vi: `Trường "${f}" không được phép.`, en: `"${f}" is not an allowed field.` }),
};

// One message per field, the most telling first: a missing value before a wrong type, a wrong
// type before a wrong length ("must be text" says more about 42 than "too long").
const PRIORITY = ['whitelistValidation', 'isDefined', 'isNotEmpty', 'arrayNotEmpty', 'arrayMinSize', 'isString', 'isInt', 'isBoolean', 'isArray', 'isEnum', 'isIn', 'isEmail', 'isDateString', 'isISO8601'];

function rank(constraint: string): number {
  const index = PRIORITY.indexOf(constraint);
  return index === -1 ? PRIORITY.length : index;
}

function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const [constraint] = Object.keys(error.constraints ?? {}).sort((a, b) => rank(a) - rank(b));
    const own: FieldError[] = constraint
      ? [{ field, message: (MESSAGES[constraint] ?? (() => ({ vi: `Trường "${field}" không hợp lệ.`, en: `"${field}" is not valid.` })))(field, []) }]
      : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** The one validation pipe: unknown fields refused, types converted, errors in both languages. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailed(toFieldErrors(errors)),
  });
}
