import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToEngine } from './bridge';
import { browserNotices, createDesk } from './stores';
import { App } from './App';
import './styles.css';

const desk = createDesk(connectToEngine(), browserNotices(window));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App desk={desk} />
  </StrictMode>,
);
