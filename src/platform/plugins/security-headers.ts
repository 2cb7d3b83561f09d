import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';

/** Security headers on every response, with a fresh CSP nonce per request; HSTS on those sent over TLS. */
export default fp(
  async (app) => {
    app.decorateRequest('cspNonce', '');
    app.addHook('onRequest', async (request) => {
      request.cspNonce = randomBytes(16).toString('base64');
    });
    app.addHook('onSend', async (request, reply, payload) => {
      reply.header(
        'content-security-policy',
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${request.cspNonce}'`,
          // A <style> element only with the nonce (the plan and the report as HTML carry their styles
          // inside, so that a saved copy opens styled); never a style="" attribute.
          `style-src 'self' 'nonce-${request.cspNonce}'`,
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
        ].join('; '),
      );
      // HSTS only over TLS: Fastify says https when the socket is TLS, or when a proxy named in
      // TRUST_PROXY says so in X-Forwarded-Proto. Over plain HTTP a browser ignores it anyway.
      if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cross-origin-opener-policy', 'same-origin');
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'security-headers' },
);
