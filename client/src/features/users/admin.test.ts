import { describe, expect, it } from 'vitest';
import { checkNewKey, checkNewUser } from './admin';

describe('New accounts and keys', () => {
  it('asks for a name, an email, an organization and a role; a password only if given must be long', () => {
    expect(checkNewUser({ displayName: ' ', email: 'nope', password: 'short', organizationId: '', role: '' })).toEqual({
      displayName: ['Enter the person’s name.'],
      email: ['Enter an email address like name@example.org.'],
      password: ['Use at least 12 characters, or leave it empty for single sign-on.'],
      organizationId: ['Choose an organization.'],
      role: ['Choose a role.'],
    });
    expect(checkNewUser({ displayName: 'Jordan Lee', email: 'jordan@alder.test', password: '', organizationId: 'o1', role: 'teacher' })).toEqual({});
  });

  it('asks a key for a name and at least one permission', () => {
    expect(Object.keys(checkNewKey('', []))).toEqual(['name', 'permissions']);
    expect(checkNewKey('SIS sync', ['rosterImport'])).toEqual({});
  });
});
