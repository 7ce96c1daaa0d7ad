import { describe, expect, it } from 'vitest';
import { asciiFileName, attachmentDisposition, cleanFileName } from './contentDisposition';

describe('attachmentDisposition', () => {
  it('a plain ASCII name is sent as it is', () => {
    expect(attachmentDisposition('photo-1.png')).toBe('attachment; filename="photo-1.png"');
  });

  it('a Unicode name: an ASCII stand-in for WordPress plus the exact name as RFC 5987 filename*', () => {
    expect(attachmentDisposition('Grüße aus Köln.jpg')).toBe(
      `attachment; filename="Grusse-aus-Koln.jpg"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20aus%20K%C3%B6ln.jpg`,
    );
    expect(attachmentDisposition('猫.png')).toBe(
      `attachment; filename="file.png"; filename*=UTF-8''%E7%8C%AB.png`,
    );
  });

  it('never lets ; " \\ or line breaks into the quoted name (WordPress splits on every ;)', () => {
    const header = attachmentDisposition('a";b\\c\r\nd\'(e)*.png');
    const ascii = /filename="([^"]*)"/.exec(header)![1]!;
    expect(ascii).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split(';')).toHaveLength(3);
    expect(header).toContain("filename*=UTF-8''a%22%3Bb%5Cc%0D%0Ad%27%28e%29%2A.png");
  });
});

describe('file names', () => {
  it('keeps the base name, adds an extension from the MIME type when missing', () => {
    expect(cleanFileName('/home/me/Pictures/cat.jpeg', 'image/jpeg')).toBe('cat.jpeg');
    expect(cleanFileName('C:\\Users\\me\\cat', 'image/png')).toBe('cat.png');
    expect(cleanFileName('', 'image/webp')).toBe('image.webp');
    expect(cleanFileName('.hidden', 'image/gif')).toBe('image.hidden.gif');
  });

  it('makes an ASCII stand-in with accents dropped', () => {
    expect(asciiFileName('Crème brûlée.PNG')).toBe('Creme-brulee.PNG');
    expect(asciiFileName('...')).toBe('file');
  });
});
