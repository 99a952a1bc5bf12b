import { useId, useState, type FormEvent } from 'react';
import type { CareerCluster, Opportunity } from '@launchpath/contracts';
import { useCursorList } from '../../shared/api/useCursorList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { ErrorList } from '../../shared/components/ErrorList';
import { LoadMore } from '../../shared/components/LoadMore';
import { Loading } from '../../shared/components/Loading';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { formatDateRange, plural } from '../../shared/format';
import { opportunityTypeLabels } from '../../shared/labels';
import { careerClusterLabels, careerClusters } from '../../shared/organizationLabels';
import { searchOpportunities } from '../../shared/opportunities/search';

interface Props {
  selected: ReadonlyMap<string, Opportunity>;
  onChange: (selected: Map<string, Opportunity>) => void;
  /** Opportunities already in an unpublished round (by id: the round's name); they cannot join another. */
  busy: ReadonlyMap<string, string>;
  errors?: readonly string[];
}

/** Finds published opportunities (words, cluster; paged) and ticks the ones for the round; the ticks survive new searches. */
export function OpportunityPicker({ selected, onChange, busy, errors = [] }: Props) {
  const id = useId();
  const [q, setQ] = useState('');
  const [cluster, setCluster] = useState<CareerCluster | ''>('');
  const [applied, setApplied] = useState({ q: '', cluster: '' as CareerCluster | '' });
  const list = useCursorList<Opportunity>(JSON.stringify(applied), (api, cursor, signal) =>
    searchOpportunities(api, { status: 'published', ...applied }, { limit: 25, cursor, signal }),
  );
  const toggle = (o: Opportunity, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(o.id, o);
    else next.delete(o.id);
    onChange(next);
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ q, cluster });
  };

  return (
    <fieldset className={errors.length ? 'fieldset fieldset--invalid' : 'fieldset'} aria-describedby={errors.length ? `${id}-error` : undefined}>
      <legend>Published opportunities in the round</legend>
      <p className="field__hint">{plural(selected.size, 'opportunity', 'opportunities')} chosen.</p>
      <ErrorList errors={errors} id={`${id}-error`} />
      {selected.size > 0 ? (
        <ul className="chips" aria-label="Chosen opportunities">
          {[...selected.values()].map((o) => (
            <li key={o.id} className="chip">
              {o.fields.title}
              <button type="button" className="chip__remove" aria-label={`Remove ${o.fields.title}`} onClick={() => toggle(o, false)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="picker__search" role="search" aria-label="Find published opportunities">
        <div className="field">
          <label htmlFor={`${id}-q`}>Words</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') search(e);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-cluster`}>Career cluster</label>
          <OptionSelect id={`${id}-cluster`} options={careerClusters} labels={careerClusterLabels} value={cluster} blank="Any cluster" onChange={(value) => setCluster(value ?? '')} />
        </div>
        <button type="button" className="button button--secondary" onClick={search}>
          Find
        </button>
      </div>
      {list.status === 'error' && list.error ? <ErrorBanner error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'loading' ? <Loading>Finding opportunities…</Loading> : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="muted">No published opportunities match.</p> : null}
      <ul className="picker__list">
        {list.items.map((o) => {
          const inRound = busy.get(o.id);
          return (
            <li key={o.id}>
              <label className={inRound ? 'check check--disabled' : 'check'}>
                <input type="checkbox" checked={selected.has(o.id)} disabled={Boolean(inRound)} onChange={(e) => toggle(o, e.target.checked)} />
                <span>
                  <strong>{o.fields.title}</strong>
                  <span className="muted">
                    {' '}
                    · {o.employerName} · {opportunityTypeLabels[o.fields.type]} · {plural(o.fields.seats, 'seat')} · {formatDateRange(o.fields.startDate, o.fields.endDate)}
                  </span>
                  {inRound ? <span className="muted"> · already in “{inRound}”</span> : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <LoadMore hasMore={list.hasMore && list.status !== 'loading'} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
    </fieldset>
  );
}
