export interface FieldError {
  path: string;
  message: string;
}

/** An error whose message is fit to show the user (Chinese first). Anything else becomes a 500. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export const notFound = (what = '记录') => new AppError(404, 'NOT_FOUND', `${what}不存在或无权查看`);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'FORBIDDEN', message);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message);
export const conflict = (message: string) => new AppError(409, 'CONFLICT', message);
export const invalid = (message: string, fields?: FieldError[]) => new AppError(400, 'VALIDATION', message, fields);
export const invalidField = (path: string, message: string) => invalid(message, [{ path, message }]);
