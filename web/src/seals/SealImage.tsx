import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Flex, theme } from 'antd';
import { useState } from 'react';
import { sealImageUrl } from './seals-data.ts';

/** A seal's red round picture at a small size; a plain mark in its place when it cannot be loaded. */
export function SealImage({ sealId, name, size = 40 }: { sealId: string; name: string; size?: number }) {
  const { token } = theme.useToken();
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <Flex
        align="center"
        justify="center"
        role="img"
        aria-label={name}
        style={{ width: size, height: size, flex: 'none', color: token.colorTextQuaternary, fontSize: size / 2 }}
      >
        <SafetyCertificateOutlined />
      </Flex>
    );
  }
  return (
    <img
      src={sealImageUrl(sealId)}
      alt={name}
      title={name}
      width={size}
      height={size}
      data-testid="seal-image"
      style={{ flex: 'none', objectFit: 'contain' }}
      onError={() => setFailed(true)}
    />
  );
}
