import { describe, expect, it } from 'vitest';
import { turnCredential, turnIceServer } from './turn.ts';

const settings = {
  urls: ['turn:turn.example.org:3478?transport=udp'],
  secret: 'a-turn-secret-shared-with-coturn',
  ttlSeconds: 600,
};

describe('TURN REST API credentials', () => {
  it('matches a vector computed independently with openssl', () => {
    // echo -n "1700000600:visitor-7" | openssl dgst -sha1 -hmac "a-turn-secret-shared-with-coturn" -binary | base64
    expect(turnCredential(settings.secret, '1700000600:visitor-7')).toBe(
      'n0XU25ij1QjydQ2nriPP8Y7VHwg=',
    );
    // echo -n "1433895918:alice" | openssl dgst -sha1 -hmac "north" -binary | base64
    expect(turnCredential('north', '1433895918:alice')).toBe('RqMvcGPYTJMGThVLSi4amT4zFtI=');
  });

  it('names the expiry and the identity in the username, and signs it', () => {
    const server = turnIceServer(settings, 'visitor-7', 1_700_009_999, 1_700_000_000_000);
    expect(server).toEqual({
      urls: 'turn:turn.example.org:3478?transport=udp',
      username: '1700000600:visitor-7',
      credential: 'n0XU25ij1QjydQ2nriPP8Y7VHwg=',
    });
  });

  it('never outlives the join token it is issued with', () => {
    const server = turnIceServer(
      { ...settings, ttlSeconds: 86_400 },
      'host-1',
      1_700_000_300,
      1_700_000_000_000,
    );
    expect(server.username).toBe('1700000300:host-1');
    expect(server.credential).toBe(turnCredential(settings.secret, '1700000300:host-1'));
  });

  it('keeps every URL of the deployment', () => {
    const urls = ['turn:127.0.0.2:3478?transport=udp', 'turns:turn.example.org:5349'];
    expect(turnIceServer({ ...settings, urls }, 'a', 2_000_000_000).urls).toEqual(urls);
  });
});
