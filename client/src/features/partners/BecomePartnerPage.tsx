import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareerCluster, OpportunityType, PartnerApplicationReceipt } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { fieldErrorsFor } from '../../shared/api/problems';
import { CheckboxGroup } from '../../shared/components/CheckboxGroup';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Loading';
import { opportunityTypeLabels, opportunityTypes } from '../../shared/labels';
import { careerClusterLabels, careerClusters } from '../../shared/organizationLabels';

/** Where the public form lives: a path of its own (linked from the sign-in page and the region's site). */
export const becomePartnerPath = '/become-a-partner';

export function isBecomePartnerRoute(pathname: string, hash: string): boolean {
  return pathname.replace(/\/+$/, '') === becomePartnerPath || hash.replace(/\/+$/, '') === `#${becomePartnerPath}`;
}

const blank = {
  regionId: '',
  organizationName: '',
  industry: '',
  website: '',
  contactName: '',
  contactTitle: '',
  contactEmail: '',
  contactPhone: '',
  studentsPerYear: '',
  about: '',
  siteName: '',
  line1: '',
  city: '',
  state: '',
  postalCode: '',
  remote: false,
  accessibility: '',
  transit: '',
  homepage: '',
};

/**
 * "Become a partner", signed out: an employer tells the region who it is, what it can offer students and where, and
 * gets an email whose link confirms the address and sets its password. The region reviews it; it posts opportunities
 * once approved. A field people never see (homepage) catches form-filling robots.
 */
export function BecomePartnerPage() {
  const { t } = useTranslation();
  const api = useApi();
  const regions = useResource('partner-regions', (a, signal) => a.listPartnerRegions(signal));
  const send = useAction();
  const [form, setForm] = useState(blank);
  const [clusters, setClusters] = useState<CareerCluster[]>([]);
  const [kinds, setKinds] = useState<OpportunityType[]>([]);
  const [receipt, setReceipt] = useState<PartnerApplicationReceipt>();
  const set = (key: keyof typeof blank) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const errors = send.error?.fieldErrors ?? {};
  const errorsFor = (field: string) => fieldErrorsFor(errors, field);

  if (regions.error) return <ErrorBanner error={regions.error} onRetry={regions.reload} />;
  if (!regions.data) return <Loading>{t('partnerForm.loading')}</Loading>;
  const regionId = form.regionId || regions.data[0]?.id || '';

  if (receipt) {
    return (
      <div className="public-page">
        <h1>{t('partnerForm.thanksTitle')}</h1>
        <p className="banner banner--success" role="status">
          {receipt.message}
        </p>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run(async () => {
      const text = (value: string) => value.trim() || undefined;
      setReceipt(
        await api.applyAsPartner({
          regionId,
          homepage: form.homepage || undefined,
          profile: {
            organizationName: form.organizationName.trim(),
            industry: form.industry.trim(),
            website: text(form.website),
            contact: { name: form.contactName.trim(), title: text(form.contactTitle), email: form.contactEmail.trim(), phone: text(form.contactPhone) },
            careerClusters: clusters,
            experienceTypes: kinds,
            studentsPerYear: Number.parseInt(form.studentsPerYear || '0', 10),
            about: text(form.about),
          },
          worksites: [
            {
              name: form.siteName.trim(),
              remote: form.remote,
              address: form.remote && !form.line1.trim() ? undefined : { line1: form.line1.trim(), city: form.city.trim(), state: form.state.trim(), postalCode: form.postalCode.trim() },
              accessibility: text(form.accessibility),
              transit: text(form.transit),
            },
          ],
        }),
      );
    });
  };

  return (
    <div className="public-page">
      <h1>{t('partnerForm.title')}</h1>
      <p>{t('partnerForm.intro')}</p>
      {send.error ? <ErrorBanner error={send.error} /> : null}
      <form className="form card" onSubmit={submit} noValidate>
        {regions.data.length > 1 ? (
          <Field label={t('partnerForm.region')} errors={errorsFor('regionId')} required>
            <select value={regionId} onChange={set('regionId')}>
              {regions.data.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <h2>{t('partnerForm.organization')}</h2>
        <Field label={t('partnerForm.organizationName')} errors={errorsFor('profile.organizationName')} required>
          <input value={form.organizationName} onChange={set('organizationName')} autoComplete="organization" maxLength={200} />
        </Field>
        <Field label={t('partnerForm.industry')} errors={errorsFor('profile.industry')} required hint={t('partnerForm.industryHint')}>
          <input value={form.industry} onChange={set('industry')} maxLength={200} />
        </Field>
        <Field label={t('partnerForm.website')} errors={errorsFor('profile.website')}>
          <input type="url" value={form.website} onChange={set('website')} autoComplete="url" maxLength={300} />
        </Field>
        <h2>{t('partnerForm.contact')}</h2>
        <Field label={t('partnerForm.contactName')} errors={errorsFor('profile.contact.name')} required>
          <input value={form.contactName} onChange={set('contactName')} autoComplete="name" maxLength={200} />
        </Field>
        <Field label={t('partnerForm.contactTitle')} errors={errorsFor('profile.contact.title')}>
          <input value={form.contactTitle} onChange={set('contactTitle')} autoComplete="organization-title" maxLength={200} />
        </Field>
        <Field label={t('partnerForm.contactEmail')} errors={errorsFor('profile.contact.email')} required hint={t('partnerForm.contactEmailHint')}>
          <input type="email" value={form.contactEmail} onChange={set('contactEmail')} autoComplete="email" spellCheck={false} maxLength={320} />
        </Field>
        <Field label={t('partnerForm.contactPhone')} errors={errorsFor('profile.contact.phone')}>
          <input type="tel" value={form.contactPhone} onChange={set('contactPhone')} autoComplete="tel" maxLength={40} />
        </Field>
        <h2>{t('partnerForm.offer')}</h2>
        <CheckboxGroup legend={t('partnerForm.clusters')} options={careerClusters} labels={careerClusterLabels} selected={clusters} onChange={setClusters}
          errors={errorsFor('profile.careerClusters')} columns />
        <CheckboxGroup legend={t('partnerForm.kinds')} options={opportunityTypes} labels={opportunityTypeLabels} selected={kinds} onChange={setKinds}
          errors={errorsFor('profile.experienceTypes')} hint={t('partnerForm.kindsHint')} columns />
        <Field label={t('partnerForm.studentsPerYear')} errors={errorsFor('profile.studentsPerYear')} required>
          <input type="number" inputMode="numeric" min={0} max={10000} value={form.studentsPerYear} onChange={set('studentsPerYear')} />
        </Field>
        <Field label={t('partnerForm.about')} errors={errorsFor('profile.about')}>
          <textarea value={form.about} onChange={set('about')} maxLength={2000} rows={3} />
        </Field>
        <h2>{t('partnerForm.worksite')}</h2>
        <p className="muted">{t('partnerForm.worksiteHint')}</p>
        <Field label={t('partnerForm.siteName')} errors={errorsFor('worksites[0].name')} required>
          <input value={form.siteName} onChange={set('siteName')} maxLength={200} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={form.remote} onChange={(e) => setForm((f) => ({ ...f, remote: e.target.checked }))} /> {t('partnerForm.remote')}
        </label>
        <Field label={t('partnerForm.street')} errors={[...errorsFor('worksites[0].address'), ...errorsFor('worksites[0].address.line1')]} required={!form.remote}>
          <input value={form.line1} onChange={set('line1')} autoComplete="address-line1" maxLength={200} />
        </Field>
        <div className="form__row form__row--3">
          <Field label={t('partnerForm.city')} errors={errorsFor('worksites[0].address.city')} required={!form.remote}>
            <input value={form.city} onChange={set('city')} autoComplete="address-level2" maxLength={100} />
          </Field>
          <Field label={t('partnerForm.state')} errors={errorsFor('worksites[0].address.state')} required={!form.remote}>
            <input value={form.state} onChange={set('state')} autoComplete="address-level1" maxLength={100} />
          </Field>
          <Field label={t('partnerForm.postalCode')} errors={errorsFor('worksites[0].address.postalCode')} required={!form.remote}>
            <input value={form.postalCode} onChange={set('postalCode')} autoComplete="postal-code" inputMode="numeric" maxLength={20} />
          </Field>
        </div>
        <Field label={t('partnerForm.accessibility')} errors={errorsFor('worksites[0].accessibility')}>
          <input value={form.accessibility} onChange={set('accessibility')} maxLength={1000} />
        </Field>
        <Field label={t('partnerForm.transit')} errors={errorsFor('worksites[0].transit')}>
          <input value={form.transit} onChange={set('transit')} maxLength={1000} />
        </Field>
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor="partner-homepage">{t('partnerForm.honeypot')}</label>
          <input id="partner-homepage" name="homepage" tabIndex={-1} autoComplete="off" value={form.homepage} onChange={set('homepage')} />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={send.busy}>
            {send.busy ? t('partnerForm.sending') : t('partnerForm.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
