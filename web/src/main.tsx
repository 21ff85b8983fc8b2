import 'antd/dist/reset.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/AppProviders.tsx';
import { AppRoutes } from './app/routes.tsx';
import { SessionGate } from './app/SessionGate.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <SessionGate>
        <AppRoutes />
      </SessionGate>
    </AppProviders>
  </StrictMode>,
);
