import { describe, expect, it } from 'vitest';
import { browserOf } from './format';

describe('browserOf', () => {
  it('names the browser and system of common user agents', () => {
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe(
      'Chrome 156 · Linux',
    );
    expect(
      browserOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0'),
    ).toBe('Edge 120 · Windows');
    expect(
      browserOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 · iPhone');
    expect(browserOf('Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36')).toBe(
      'Chrome 120 · Android',
    );
  });

  it('falls back to the raw string, or a dash when there is none', () => {
    expect(browserOf(null)).toBe('—');
    expect(browserOf('curl/8.0')).toBe('curl/8.0');
  });
});
