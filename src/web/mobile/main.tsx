import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getLang } from '../i18n';
import { applyLargeText } from './largeText';
import './mobile.css';
import NotFoundPage from './pages/NotFoundPage';
import { Router } from './router';
import { routes } from './routes';

applyLargeText();
document.documentElement.lang = getLang();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Router routes={routes} fallback={NotFoundPage} />
  </StrictMode>,
);
