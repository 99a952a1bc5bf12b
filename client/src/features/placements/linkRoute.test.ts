import { describe, expect, it } from 'vitest';
import { linkRoute } from './linkRoute';

describe('linkRoute', () => {
  it('reads the paths the API puts in its links, and the same in the hash', () => {
    expect(linkRoute('/acknowledge/Ab-9_x', '')).toEqual({ kind: 'acknowledge', token: 'Ab-9_x' });
    expect(linkRoute('/hours/tok123/', '')).toEqual({ kind: 'hours', token: 'tok123' });
    expect(linkRoute('/', '#/hours/tok123')).toEqual({ kind: 'hours', token: 'tok123' });
    expect(linkRoute('/', '#/acknowledge/tok?x=1')).toEqual({ kind: 'acknowledge', token: 'tok' });
  });

  it('leaves every other location to the app', () => {
    for (const [path, hash] of [['/', ''], ['/', '#/placements/p1'], ['/hours', ''], ['/hours/a/b', ''], ['/', '#/hours/'], ['/other/tok', '']]) {
      expect(linkRoute(path, hash)).toBeUndefined();
    }
  });
});
