import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { setLocale } from '../electron/contract/i18n';

// Text and formats follow the system's language (Electron's navigator.languages is the OS locale).
setLocale(navigator.languages[0] ?? navigator.language ?? 'en');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
