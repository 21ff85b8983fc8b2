import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Page } from '../shared/Page.tsx';
import { type Criteria, PAGE_SIZE, criteriaFromLocation, criteriaToLocation, hasCriteria } from './search-criteria.ts';
import { SearchFilters } from './SearchFilters.tsx';
import { searchMessages } from './messages.ts';
import { SearchResults } from './SearchResults.tsx';

/**
 * 业务查询: every criterion the API has, kept in the address so a search can be shared and reloaded;
 * newest cases first, a page at a time (the server's cursor; a stack of them to go back).
 */
export default function SearchPage() {
  const t = useT(searchMessages);
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const criteria = useMemo(() => criteriaFromLocation(params, location.state), [params, location.state]);
  const criteriaKey = JSON.stringify(criteria);
  // Cursors of the pages before this one, for this search only: a new search starts at its first page.
  const [stack, setStack] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: criteriaKey, cursors: [undefined] });
  const cursors = stack.key === criteriaKey ? stack.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const search = useQuery({
    queryKey: ['case-search', criteria, cursor],
    queryFn: () => unwrap(api.GET('/api/cases', { params: { query: { ...criteria, limit: PAGE_SIZE, cursor } } })),
    placeholderData: keepPreviousData,
  });

  const runSearch = (next: Criteria) => {
    const { params: nextParams, state } = criteriaToLocation(next);
    setParams(nextParams, { state });
    setStack({ key: JSON.stringify(next), cursors: [undefined] });
    // The same criteria again means "look again": the list may have changed since.
    if (JSON.stringify(next) === criteriaKey && cursors.length === 1) void search.refetch();
  };

  return (
    <Page title={t('title')}>
      <Card size="small">
        <SearchFilters criteria={criteria} onSearch={runSearch} />
      </Card>
      <Card size="small">
        <Flex vertical gap={token.marginSM}>
          {search.isError && <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />}
          <SearchResults
            rows={search.data?.items}
            loading={search.isFetching}
            filtered={hasCriteria(criteria)}
            page={cursors.length}
            hasNext={Boolean(search.data?.nextCursor) && !search.isPlaceholderData}
            onPrevious={() => setStack({ key: criteriaKey, cursors: cursors.slice(0, -1) })}
            onNext={() => {
              const next = search.data?.nextCursor;
              if (next) setStack({ key: criteriaKey, cursors: [...cursors, next] });
            }}
          />
        </Flex>
      </Card>
    </Page>
  );
}
