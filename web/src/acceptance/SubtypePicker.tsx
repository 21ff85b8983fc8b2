import { SearchOutlined } from '@ant-design/icons';
import { Empty, Flex, Input, Typography, theme } from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { useLocale } from '../i18n/locale.tsx';
import { useT } from '../i18n/messages.ts';
import { ApprovalChain } from './ApprovalChain.tsx';
import type { Catalog } from './catalog.ts';
import { acceptanceMessages } from './messages.ts';
import { SubtypeDetail } from './SubtypeDetail.tsx';
import { groupByCategory, searchSubtypes, subtypeEntries } from './subtype-search.ts';

interface Props {
  catalog: Catalog;
  value: string | undefined;
  /** confirm: the officer pressed Enter or double-clicked, meaning "this one, go on". */
  onPick: (code: string, confirm: boolean) => void;
}

const LIST_ID = 'subtype-list';
const optionId = (code: string) => `subtype-option-${code}`;

/**
 * The sub-type picker: one search box over the whole catalog (Chinese name, code, pinyin initials),
 * the matches grouped by category; ↑/↓ move, Enter takes the highlighted one. An ARIA combobox, so a
 * screen reader follows the highlight too.
 */
export function SubtypePicker({ catalog, value, onPick }: Props) {
  const t = useT(acceptanceMessages);
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const entries = useMemo(() => subtypeEntries(catalog), [catalog]);
  const [query, setQuery] = useState('');
  const matches = useMemo(() => searchSubtypes(entries, query), [entries, query]);
  const groups = useMemo(() => groupByCategory(matches), [matches]);
  // The flat order the arrows walk: the order the groups show, not the order of the scores.
  const ordered = useMemo(() => groups.flatMap((group) => group.entries), [groups]);
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      ordered.findIndex((entry) => entry.subtype.code === value),
    ),
  );

  const activeEntry = ordered[Math.min(active, ordered.length - 1)];
  const shown = activeEntry?.subtype ?? entries.find((entry) => entry.subtype.code === value)?.subtype;

  useEffect(() => {
    if (activeEntry) document.getElementById(optionId(activeEntry.subtype.code))?.scrollIntoView({ block: 'nearest' });
  }, [activeEntry]);

  const changeQuery = (next: string) => {
    setQuery(next);
    // The best match leads the first group, so the highlight starts on it and Enter takes it.
    setActive(
      next.trim()
        ? 0
        : Math.max(
            0,
            entries.findIndex((entry) => entry.subtype.code === value),
          ),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (ordered.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + ordered.length) % ordered.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (activeEntry) onPick(activeEntry.subtype.code, true);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      changeQuery('');
    }
  };

  return (
    <Flex gap={token.marginLG} align="stretch" wrap>
      <Flex vertical gap={token.marginXS} style={{ flex: '1 1 420px', minWidth: 0 }}>
        <label htmlFor="subtype-search">
          <Typography.Text strong>{t('subtypeSearch')}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: token.marginXS }}>
            {t('subtypeSearchHint')}
          </Typography.Text>
        </label>
        <Input
          id="subtype-search"
          role="combobox"
          aria-expanded
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={activeEntry ? optionId(activeEntry.subtype.code) : undefined}
          prefix={<SearchOutlined />}
          placeholder={t('subtypeSearchPlaceholder')}
          value={query}
          onChange={(event) => changeQuery(event.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
          allowClear
          size="large"
          autoComplete="off"
        />
        <div
          id={LIST_ID}
          role="listbox"
          aria-label={t('stepSubtype')}
          style={{
            maxHeight: 'max(260px, calc(100vh - 430px))',
            overflowY: 'auto',
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadius,
          }}
        >
          {groups.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('subtypeNone')} />}
          {groups.map((group) => (
            <div key={group.code} role="group" aria-labelledby={`subtype-group-${group.code}`}>
              <div
                id={`subtype-group-${group.code}`}
                role="presentation"
                style={{
                  padding: `${token.paddingXXS}px ${token.paddingSM}px`,
                  background: token.colorFillQuaternary,
                  color: token.colorTextSecondary,
                  fontSize: token.fontSizeSM,
                  position: 'sticky',
                  top: 0,
                }}
              >
                {group.code} {locale === 'en' ? group.nameEn : group.name}
              </div>
              {group.entries.map((entry) => {
                const isActive = entry === activeEntry;
                const isChosen = entry.subtype.code === value;
                return (
                  <div
                    key={entry.subtype.code}
                    id={optionId(entry.subtype.code)}
                    role="option"
                    aria-selected={isChosen}
                    data-active={isActive}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => {
                      setActive(ordered.indexOf(entry));
                      onPick(entry.subtype.code, false);
                    }}
                    onDoubleClick={() => onPick(entry.subtype.code, true)}
                    style={{
                      display: 'flex',
                      alignItems: 'center',
                      gap: token.marginSM,
                      padding: `${token.paddingXS}px ${token.paddingSM}px`,
                      cursor: 'pointer',
                      background: isActive ? token.controlItemBgActive : undefined,
                      borderInlineStart: `3px solid ${isChosen ? token.colorPrimary : 'transparent'}`,
                    }}
                  >
                    <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                      {entry.subtype.code}
                    </Typography.Text>
                    <Typography.Text strong={isChosen} style={{ flex: 1 }}>
                      {locale === 'en' ? entry.subtype.nameEn : entry.subtype.name}
                    </Typography.Text>
                    <span style={{ fontSize: token.fontSizeSM }}>
                      <ApprovalChain chain={entry.subtype.approvalChain} />
                    </span>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </Flex>
      <div style={{ flex: '0 1 320px', minWidth: 260 }}>{shown && <SubtypeDetail subtype={shown} chosen={shown.code === value} />}</div>
    </Flex>
  );
}
