import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook.signature';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-sufficient-length';
  const body = '{"eventType":"Park.UPDATE"}';

  it('is the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1700000000, body)).toBe(`v1=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, another secret or an old timestamp', () => {
    const now = 1700000000;
    const header = signWebhook(secret, now, body);
    expect(verifyWebhook(secret, body, String(now), header, 300, now + 10)).toBe(true);
    expect(verifyWebhook(secret, `${body} `, String(now), header, 300, now)).toBe(false);
    expect(verifyWebhook('another-secret-of-length', body, String(now), header, 300, now)).toBe(false);
    expect(verifyWebhook(secret, body, String(now), header, 300, now + 301)).toBe(false);
    expect(verifyWebhook(secret, body, undefined, header, 300, now)).toBe(false);
  });
});
