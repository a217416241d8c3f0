import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToEngine } from './bridge';
import { createDesk } from './stores';
import { App } from './App';
import './styles.css';

const desk = createDesk(connectToEngine());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App desk={desk} />
  </StrictMode>,
);
