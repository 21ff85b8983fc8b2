import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../i18n/messages.ts';
import { Page } from '../shared/Page.tsx';
import { spotMessages } from './messages.ts';
import { SPOT_KEY, type VerificationFilter } from './spot-types.ts';
import { VerificationsPanel } from './VerificationsPanel.tsx';

const FILTERS: readonly VerificationFilter[] = ['open', 'overdue', 'answered', 'all'];

/** 纸质材料核实, for the station's officers and leader: what the checkers asked them to compare with the paper. */
export default function PaperVerificationsPage() {
  const t = useT(spotMessages);
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const filter = (FILTERS as readonly string[]).includes(state) ? (state as VerificationFilter) : 'open';
  return (
    <Page
      title={t('verifyPageTitle')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void queryClient.invalidateQueries({ queryKey: SPOT_KEY })}>
          {t('refresh')}
        </Button>
      }
    >
      <VerificationsPanel
        filter={filter}
        onFilter={(next) => setParams(next === 'open' ? new URLSearchParams() : new URLSearchParams({ state: next }))}
        answering
      />
    </Page>
  );
}
