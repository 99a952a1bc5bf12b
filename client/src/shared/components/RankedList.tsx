import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { move, ordinal } from './ranking';

interface Props<T> {
  /** The list's accessible name: "Your choices, best first". */
  label: string;
  items: readonly T[];
  keyOf: (item: T) => string;
  /** Short name of an item, for the buttons' labels and the announcement after a move. */
  nameOf: (item: T) => string;
  render: (item: T, index: number) => ReactNode;
  onChange: (items: T[]) => void;
  /** More buttons for an item (remove, mark unacceptable…). */
  actions?: (item: T, index: number) => ReactNode;
}

/**
 * An ordered list that the keyboard can reorder: "Move up" and "Move down" buttons on each item. After a move the
 * focus follows the item, and a polite live region says where it went.
 */
export function RankedList<T>({ label, items, keyOf, nameOf, render, onChange, actions }: Props<T>) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const pendingFocus = useRef<{ key: string; direction: 'up' | 'down' } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending || !listRef.current) return;
    pendingFocus.current = null;
    const row = Array.from(listRef.current.querySelectorAll<HTMLElement>('[data-rank-key]')).find((el) => el.dataset.rankKey === pending.key);
    const preferred = row?.querySelector<HTMLButtonElement>(`button[data-direction="${pending.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`button[data-direction="${pending.direction === 'up' ? 'down' : 'up'}"]`);
    (preferred && !preferred.disabled ? preferred : other)?.focus();
  });

  const shift = (index: number, direction: 'up' | 'down') => {
    const to = direction === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= items.length) return;
    const item = items[index];
    pendingFocus.current = { key: keyOf(item), direction };
    setAnnouncement(i18next.t('ranked.moved', { name: nameOf(item), position: currentLanguage() === 'en' ? ordinal(to + 1) : String(to + 1), count: items.length }));
    onChange(move(items, index, to));
  };

  return (
    <>
      <ol ref={listRef} className="ranked" aria-label={label}>
        {items.map((item, index) => {
          const name = nameOf(item);
          return (
            <li key={keyOf(item)} className="ranked__item" data-rank-key={keyOf(item)}>
              <span className="ranked__rank" aria-hidden="true">
                {index + 1}
              </span>
              <div className="ranked__body">{render(item, index)}</div>
              <div className="ranked__actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-direction="up"
                  aria-label={t('ranked.moveUp', { name })}
                  disabled={index === 0}
                  onClick={() => shift(index, 'up')}
                >
                  <span aria-hidden="true">↑</span> {t('ranked.up')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-direction="down"
                  aria-label={t('ranked.moveDown', { name })}
                  disabled={index === items.length - 1}
                  onClick={() => shift(index, 'down')}
                >
                  <span aria-hidden="true">↓</span> {t('ranked.down')}
                </button>
                {actions?.(item, index)}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
