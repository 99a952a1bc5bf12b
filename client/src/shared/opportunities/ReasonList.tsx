import { useTranslation } from 'react-i18next';
import type { RecommendationReason } from '@launchpath/contracts';
import { signed } from '../format';
import { reasonText, splitReasons } from './reasons';

/**
 * Why a match scored as it did: the reasons for it and against it in two labelled lists, each with its weight. The
 * sign, the heading and an icon say which is which, not colour alone.
 */
export function ReasonList({ reasons, compact }: { reasons: readonly RecommendationReason[]; compact?: boolean }) {
  const { t } = useTranslation();
  const { positive, negative } = splitReasons(reasons);
  return (
    <div className={compact ? 'reasons reasons--compact' : 'reasons'}>
      {positive.length > 0 ? (
        <div className="reasons__group reasons__group--positive">
          <h3 className="reasons__heading">{t('reasons.fits')}</h3>
          <ul>
            {positive.map((r) => (
              <li key={r.code + r.detail} data-code={r.code}>
<Weight weight={r.weight} />{' '}
                {reasonText(r)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {negative.length > 0 ? (
        <div className="reasons__group reasons__group--negative">
          <h3 className="reasons__heading">{t('reasons.against')}</h3>
          <ul>
            {negative.map((r) => (
              <li key={r.code + r.detail} data-code={r.code}>
<Weight weight={r.weight} />{' '}
                {reasonText(r)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {positive.length === 0 && negative.length === 0 ? <p className="muted">{t('reasons.none')}</p> : null}
    </div>
  );
}

function Weight({ weight }: { weight: number }) {
  const { t } = useTranslation();
  return (
    <span className="reasons__weight">
      <span aria-hidden="true">{signed(weight)}</span>
      <span className="visually-hidden">{`${t(weight < 0 ? 'reasons.minus' : 'reasons.plus')} ${signed(weight).slice(1)}:`}</span>
    </span>
  );
}
