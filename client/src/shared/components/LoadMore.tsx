import { useTranslation } from 'react-i18next';
interface Props {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** The "Load more" button under a cursor-paged list; absent once the last page is shown. */
export function LoadMore({ hasMore, loading, onLoadMore }: Props) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <div className="card__footer">
      <button type="button" className="button button--secondary" onClick={onLoadMore} disabled={loading}>
        {loading ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}
