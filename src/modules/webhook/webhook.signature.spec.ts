import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
    expect(verifyWebhook(secret, body, { timestamp: String(now), signature: header }, 300, now + 10)).toBe(true);
    expect(verifyWebhook(secret, `${body} `, { timestamp: String(now), signature: header }, 300, now)).toBe(false);
    expect(verifyWebhook('another-secret-of-length', body, { timestamp: String(now), signature: header }, 300, now)).toBe(false);
    expect(verifyWebhook(secret, body, { timestamp: String(now), signature: header }, 300, now + 301)).toBe(false);
    expect(verifyWebhook(secret, body, { timestamp: undefined, signature: header }, 300, now)).toBe(false);
  });
});

describe('the verification snippet in docs/third-party-developers.md', () => {
  // The snippet third-party developers copy: run as written, against signatures the server makes.
  const docs = fs.readFileSync(path.join(__dirname, '../../../docs/third-party-developers.md'), 'utf8') as string;
  const snippet = [...docs.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes('function verifyDirectoryWebhook'));
  const verify = new Function('require', `${snippet}\nreturn verifyDirectoryWebhook;`)(require) as (
    secret: string,
    raw: string,
    headers: Record<string, string>,
    now?: number,
  ) => boolean;

  it('accepts what the server signs and refuses tampering', () => {
    const secret = 'a-secret-of-sufficient-length';
    const body = '{"deliveryId":"x","eventType":"Enterprise.CREATE","change":{"changes":{"nameZh":{"before":null,"after":"青岛示例"}}}}';
    const now = Math.floor(Date.now() / 1000);
    const headers = { 'x-webhook-timestamp': String(now), 'x-webhook-signature': signWebhook(secret, now, body) };
    expect(snippet).toBeDefined();
    expect(verify(secret, body, headers)).toBe(true);
    expect(verify(secret, body.replace('青岛', '济南'), headers)).toBe(false);
    expect(verify('another-secret-entirely', body, headers)).toBe(false);
    expect(verify(secret, body, headers, now + 301)).toBe(false);
    expect(verify(secret, body, { 'x-webhook-signature': headers['x-webhook-signature'] })).toBe(false);
  });
});
