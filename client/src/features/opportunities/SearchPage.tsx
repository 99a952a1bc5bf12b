import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import type { ExternshipApplication, Opportunity } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useCursorList } from '../../shared/api/useCursorList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { LoadMore } from '../../shared/components/LoadMore';
import { Loading } from '../../shared/components/Loading';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { oneOf, opportunityStatuses, opportunityStatusLabels, opportunityTypeLabels, opportunityTypes, stageLabels, stages } from '../../shared/labels';
import { careerClusterLabels, careerClusters } from '../../shared/organizationLabels';
import { OpportunityFacts } from '../../shared/opportunities/OpportunitySummary';
import { activeFilterCount, emptyFilters, searchOpportunities, type SearchFilters } from '../../shared/opportunities/search';
import { StatusTag } from '../../shared/opportunities/StatusTag';

export const searchPageSize = 20;

/**
 * Search what the caller may see. Students see published opportunities for their school (each title opens
 * `detailHref`, where they apply); staff may also filter by status (`showStatus`).
 */
export function SearchPage({ title, showStatus = false, detailHref, studentId, educator = false }: {
  title?: string;
  /** A teacher, counselor or coordinator: teacher externships offer to apply. */
  educator?: boolean;
  showStatus?: boolean;
  detailHref?: (id: string) => string;
  /** A student searching: by default only what they may apply to (the API's rule), with a switch to see everything. */
  studentId?: string;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SearchFilters>(emptyFilters);
  const [applied, setApplied] = useState<SearchFilters>(emptyFilters);
  const [onlyMine, setOnlyMine] = useState(Boolean(studentId));
  const eligibleFor = onlyMine ? studentId : undefined;
  const list = useCursorList<Opportunity>(JSON.stringify({ applied, eligibleFor }), (api, cursor, signal) =>
    searchOpportunities(api, { ...applied, eligibleFor }, { limit: searchPageSize, cursor, signal }),
  );
  const errors = list.status === 'error' ? (list.error?.fieldErrors ?? {}) : {};
  const set = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setApplied(draft);
  };
  const clear = () => {
    setDraft(emptyFilters);
    setApplied(emptyFilters);
  };

  return (
    <>
      <div className="page-header">
        <h1>{title ?? t('nav.search')}</h1>
        <p className="muted">{t('search.intro')}</p>
      </div>
      <div className="page-grid">
        <form className="card form" role="search" aria-label={t('search.filter')} onSubmit={submit} noValidate>
          {studentId ? (
            <label className="check">
              <input type="checkbox" name="eligible" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} />
              <span>{t('search.onlyMine')}</span>
            </label>
          ) : null}
          <Field label={t('search.words')} errors={fieldErrorsFor(errors, 'q')} hint={t('search.wordsHint')}>
            <input name="q" type="search" value={draft.q} onChange={(e) => set('q', e.target.value)} />
          </Field>
          {showStatus ? (
            <Field label={t('placement.status')} errors={fieldErrorsFor(errors, 'status')}>
              <OptionSelect name="status" options={opportunityStatuses} labels={opportunityStatusLabels} value={draft.status} blank={t('search.anyStatus')} onChange={(value) => set('status', value ?? '')} />
            </Field>
          ) : null}
          <Field label={t('opportunity.cluster')} errors={fieldErrorsFor(errors, 'cluster')}>
            <OptionSelect name="cluster" options={careerClusters} labels={careerClusterLabels} value={draft.cluster} blank={t('search.anyCluster')} onChange={(value) => set('cluster', value ?? '')} />
          </Field>
          <Field label={t('opportunity.kind')} errors={fieldErrorsFor(errors, 'type')}>
            <OptionSelect name="type" options={opportunityTypes} labels={opportunityTypeLabels} value={draft.type} blank={t('search.anyKind')} onChange={(value) => set('type', value ?? '')} />
          </Field>
          <Field label={t('opportunity.stage')} errors={fieldErrorsFor(errors, 'stage')}>
            <OptionSelect name="stage" options={stages} labels={stageLabels} value={draft.stage} blank={t('search.anyStage')} onChange={(value) => set('stage', value ?? '')} />
          </Field>
          <Field label={t('opportunity.pay')} errors={fieldErrorsFor(errors, 'paid')}>
            <select name="paid" value={draft.paid} onChange={(e) => set('paid', oneOf(['true', 'false'] as const, e.target.value) ?? '')}>
              <option value="">{t('search.paidOrUnpaid')}</option>
              <option value="true">{t('search.paid')}</option>
              <option value="false">{t('search.unpaid')}</option>
            </select>
          </Field>
          <Field label={t('search.place')} errors={fieldErrorsFor(errors, 'virtual')}>
            <select name="virtual" value={draft.virtual} onChange={(e) => set('virtual', oneOf(['true', 'false'] as const, e.target.value) ?? '')}>
              <option value="">{t('search.anywhere')}</option>
              <option value="true">{t('search.virtual')}</option>
              <option value="false">{t('search.inPerson')}</option>
            </select>
          </Field>
          <div className="form__row">
            <Field label={t('search.from')} errors={fieldErrorsFor(errors, 'from')}>
              <input name="from" type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
            </Field>
            <Field label={t('search.to')} errors={fieldErrorsFor(errors, 'to')}>
              <input name="to" type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />
            </Field>
          </div>
          <div className="form__actions">
            <button type="button" className="button button--secondary" onClick={clear} disabled={activeFilterCount(draft) === 0 && activeFilterCount(applied) === 0}>
              {t('search.clear')}
            </button>
            <button type="submit" className="button">
              {t('search.search')}
            </button>
          </div>
        </form>

        <section className="card" aria-labelledby="results-heading" aria-busy={list.status === 'loading' || list.status === 'loadingMore'}>
          <h2 id="results-heading">{t('search.results')}</h2>
          {list.status === 'error' && list.error ? <ErrorBanner error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} /> : null}
          {list.status === 'loading' ? <Loading>{t('search.searching')}</Loading> : null}
          {list.status === 'ready' && list.items.length === 0 && !list.hasMore ? <p className="muted">{t(onlyMine ? 'search.noneForYou' : 'search.none')}</p> : null}
          <ul className="result-list">
            {list.items.map((o) => (
              <li key={o.id} className="result">
                <div className="result__header">
                  <h3>{detailHref ? <a href={detailHref(o.id)}>{o.fields.title}</a> : o.fields.title}</h3>
                  {showStatus ? <StatusTag status={o.status} /> : null}
                </div>
                <OpportunityFacts opportunity={o} />
                <p className="result__description">{o.fields.description}</p>
                {educator && o.fields.type === 'teacherExternship' && o.status === 'published' ? <ApplyForExternship opportunity={o} /> : null}
              </li>
            ))}
          </ul>
          <LoadMore hasMore={list.hasMore && list.status !== 'loading'} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
        </section>
      </div>
    </>
  );
}

/** A teacher externship: an educator applies with a note on what they will bring back to class (once; the employer decides). */
function ApplyForExternship({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAction();
  const [note, setNote] = useState('');
  const [applied, setApplied] = useState<ExternshipApplication>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => setApplied(await api.applyForExternship(opportunity.id, { note: note.trim() || undefined })));
  };
  if (applied) return <p className="banner banner--success" role="status">{t('search.externshipApplied')}</p>;
  return (
    <details>
      <summary>{t('search.applyExternship')}</summary>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <form className="form" onSubmit={submit} aria-label={t('search.applyExternshipTo', { title: opportunity.fields.title })}>
        <Field label={t('search.externshipNote')}>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={3} />
        </Field>
        <button type="submit" className="button" disabled={action.busy}>
          {t('search.sendApplication')}
        </button>
      </form>
    </details>
  );
}
