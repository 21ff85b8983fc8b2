import { Breadcrumb, Flex, Typography, theme } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: string;
  path?: string;
}

/**
 * The frame of every page: breadcrumbs, the title (also the window title) with the page's main
 * actions beside it, then the content.
 */
export function Page({ title, crumbs = [], extra, children }: { title: ReactNode; crumbs?: Crumb[]; extra?: ReactNode; children: ReactNode }) {
  const { token } = theme.useToken();
  const plainTitle = typeof title === 'string' ? title : crumbs[crumbs.length - 1]?.title;
  useEffect(() => {
    if (plainTitle) document.title = `${plainTitle} - 户政业务电子档案系统`;
  }, [plainTitle]);
  return (
    <Flex vertical gap={token.marginSM}>
      {crumbs.length > 0 && (
        <Breadcrumb items={crumbs.map((crumb) => ({ title: crumb.path ? <Link to={crumb.path}>{crumb.title}</Link> : crumb.title }))} />
      )}
      <Flex justify="space-between" align="center" wrap gap={token.marginSM}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && (
          <Flex gap={token.marginXS} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      {children}
    </Flex>
  );
}
