import 'antd/dist/reset.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/AppProviders.tsx';
import { RouterProvider } from 'react-router-dom';
import { router } from './app/routes.tsx';
import { SessionGate } from './app/SessionGate.tsx';
import { PublicVerifyPage } from './verify/PublicVerifyPage.tsx';

// The notice check is public: the QR code on a notice opens it for anyone, signed in or not.
const isPublicCheck = window.location.pathname === '/verify';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      {isPublicCheck ? (
        <PublicVerifyPage />
      ) : (
        <SessionGate>
          <RouterProvider router={router} />
        </SessionGate>
      )}
    </AppProviders>
  </StrictMode>,
);
