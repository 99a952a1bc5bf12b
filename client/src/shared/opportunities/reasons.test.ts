import { describe, expect, it } from 'vitest';
import { showLanguage } from '../i18n/i18n';
import '../labels';
import { reasonText } from './reasons';

describe('A reason in the reader’s language', () => {
  it('is the API’s words in English, and said from its code and numbers in Spanish', () => {
    const travel = { code: 'travelLong', weight: -1, detail: 'About 50 minutes away (more than 30).', value: 50, limit: 30 };
    expect(reasonText(travel)).toBe('About 50 minutes away (more than 30).');
    showLanguage('es');
    expect(reasonText(travel)).toBe('A unos 50 minutos (más de tus 30).');
    expect(reasonText({ code: 'paidAsPreferred', weight: 1, detail: 'Offers a stipend.', term: 'stipend' })).toBe('Ofrece un estipendio.');
    expect(reasonText({ code: 'prerequisiteMissing', weight: 0, detail: 'Needs…', term: 'exploration' })).toBe(
      'Primero necesitas completar una experiencia de la etapa «explorar carreras» en esta área profesional.',
    );
    expect(reasonText({ code: 'seatsAvailable', weight: 1, detail: '3 of 4 seats left.', value: 1234, limit: 2000 })).toBe('Quedan 1,234 de 2,000 cupos.');
  });

  it('falls back to the API’s words for a code or a number it does not have', () => {
    showLanguage('es');
    expect(reasonText({ code: 'somethingNew', weight: 0, detail: 'A new rule.' })).toBe('A new rule.');
    expect(reasonText({ code: 'travelFits', weight: 1, detail: 'About 10 minutes away (within 30).' })).toBe('About 10 minutes away (within 30).');
  });
});
