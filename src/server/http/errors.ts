import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../core/errors';
import { withField } from './zod-messages';

/**
 * One error envelope for every failure: `{ error: { code, message, fields? } }`, never a stack.
 * `pageFallback` answers GETs outside /api that match no route (the web apps route on the client);
 * Fastify allows one not-found handler per prefix, so it lives here with the JSON one.
 */
export function installErrorHandler(
  app: FastifyInstance,
  opts: { pageFallback?: (request: FastifyRequest, reply: FastifyReply) => unknown } = {},
): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const requestId = request.id;
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => {
        const p = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
        return { path: p, message: v.message ?? '格式不正确' };
      });
      return reply.status(400).send({
        error: {
          code: 'VALIDATION',
          message: fields[0] ? withField(fields[0]) : '提交的内容有误',
          fields,
          requestId,
        },
      });
    }
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'service error');
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields, requestId } });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, requestId }, 'response did not match its schema');
    } else if (err.statusCode && err.statusCode < 500) {
      const map: Record<number, [string, string]> = {
        400: ['BAD_REQUEST', '请求格式不正确'],
        401: ['UNAUTHORIZED', '请先登录'],
        403: ['FORBIDDEN', '没有权限执行此操作'],
        404: ['NOT_FOUND', '请求的资源不存在'],
        406: ['NOT_ACCEPTABLE', '请求格式不受支持'],
        413: ['TOO_LARGE', '上传的内容过大'],
        415: ['UNSUPPORTED_MEDIA', '不支持的内容类型'],
        429: ['RATE_LIMITED', '操作过于频繁，请稍后再试'],
      };
      const [code, message] = map[err.statusCode] ?? ['BAD_REQUEST', '请求有误'];
      return reply.status(err.statusCode).send({ error: { code, message, requestId } });
    }
    request.log.error({ err, requestId }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: `服务器内部错误，请稍后重试（请求编号 ${requestId}）`, requestId },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // a page address (no file extension) outside the API; a missing file stays a 404
    if (opts.pageFallback && request.method === 'GET' && !pathname.startsWith('/api') && !/\.\w+$/.test(pathname)) {
      return opts.pageFallback(request, reply);
    }
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: '请求的资源不存在', requestId: request.id } });
  });
}
