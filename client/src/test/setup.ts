import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { showLanguage } from '../shared/i18n/i18n';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  window.location.hash = '';
  localStorage.clear();
  showLanguage('en');
});
