// The frame (UX.md): the nav on the left, the chosen screen, the status line at the bottom.
import { useEffect, useLayoutEffect } from 'react';
import { DeskContext, useDesk, useSlice } from './deskContext';
import type { Desk } from './stores';
import { Nav } from './components/Nav';
import { StatusLine } from './components/StatusLine';
import { ArrivalNotices } from './components/ArrivalNotices';
import { SendScreen } from './screens/SendScreen';
import { OutboxScreen } from './screens/OutboxScreen';
import { InboxScreen } from './screens/InboxScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { ContactsScreen } from './screens/contacts';
import { followTheme, followUnreadTitle } from './frame';
import { StationSetup } from './screens/StationSetup';
import { needsStationSetup } from './stores';

function CurrentScreen() {
  const desk = useDesk();
  const screen = useSlice(desk.nav, (s) => s.screen);
  switch (screen) {
    case 'send':
      return <SendScreen />;
    case 'outbox':
      return <OutboxScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'contacts':
      return <ContactsScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** The first-start setup sits above Send until it is done or skipped (never over other screens). */
function StationSetupOnSend() {
  const desk = useDesk();
  const screen = useSlice(desk.nav, (s) => s.screen);
  const settings = useSlice(desk.settings, (s) => s.settings);
  if (screen !== 'send' || !settings || !needsStationSetup(settings)) return null;
  return <StationSetup settings={settings} />;
}

export function App({ desk }: { desk: Desk }) {
  useEffect(() => desk.start(), [desk]);
  // Before the first paint, so a dark system never flashes a light window.
  useLayoutEffect(
    () => followTheme(desk.settings, { root: document.documentElement, darkQuery: window.matchMedia('(prefers-color-scheme: dark)') }),
    [desk],
  );
  useEffect(() => followUnreadTitle(desk.inbox, document), [desk]);
  useEffect(() => {
    // A drop anywhere in the window adds the files to the fax on Send (and never makes the
    // page navigate to the file, the browser's default).
    const stop = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const files = e.dataTransfer?.files;
      if (!files || files.length === 0) return;
      desk.nav.getState().go('send');
      void desk.send.getState().addFiles(Array.from(files));
    };
    // Ctrl/⌘+N opens a new fax from anywhere.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        desk.nav.getState().go('send');
      }
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', drop);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', drop);
      window.removeEventListener('keydown', onKey);
    };
  }, [desk]);
  return (
    <DeskContext.Provider value={desk}>
      <div className="frame">
        <Nav />
        <main className="main" id="main">
          <StationSetupOnSend />
          <CurrentScreen />
        </main>
        <StatusLine />
        <ArrivalNotices />
      </div>
    </DeskContext.Provider>
  );
}
