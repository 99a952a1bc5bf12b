import { useState } from 'react';
import type { Opportunity } from '@launchpath/contracts';
import { useCursorList } from '../../shared/api/useCursorList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { LoadMore } from '../../shared/components/LoadMore';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { searchOpportunities } from '../../shared/opportunities/search';
import { useAudienceNames } from '../../shared/opportunities/useAudienceNames';
import { CurationItem } from './CurationItem';

/** Opportunities submitted for curation, to approve (publish) or reject with a reason. */
export function CurationPage() {
  const list = useCursorList<Opportunity>('submitted', (api, cursor, signal) => searchOpportunities(api, { status: 'submitted' }, { limit: 20, cursor, signal }));
  const names = useAudienceNames();
  const [notice, setNotice] = useState<string>();

  const decided = (opportunity: Opportunity) => {
    list.update((items) => items.filter((o) => o.id !== opportunity.id));
    setNotice(
      opportunity.status === 'published'
        ? `Approved “${opportunity.fields.title}”: it is published.`
        : `Rejected “${opportunity.fields.title}”. The employer sees your reason.`,
    );
  };

  return (
    <>
      <div className="page-header">
        <h1>Curation</h1>
        <p className="muted">Opportunities employers submitted for your students. Approve to publish, or reject with a reason the employer can act on.</p>
      </div>
      <Notice>{notice}</Notice>
      {list.status === 'error' && list.error ? <ErrorBanner error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} /> : null}
      {list.status === 'loading' ? <Loading>Loading submitted opportunities…</Loading> : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="card muted">Nothing is waiting for curation.</p> : null}
      <ul className="cards" aria-label="Submitted opportunities">
        {list.items.map((o) => (
          <CurationItem key={o.id} opportunity={o} audienceNames={names} onDecided={decided} />
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore && list.status !== 'loading'} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
    </>
  );
}
