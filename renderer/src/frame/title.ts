// The unread count in the window title. In Electron the shell sets the title itself (the
// page's title is ignored there, main/electron/window.ts); in a browser tab this is it. Both
// must read the same, so this follows windowTitle in main/electron/window.ts word for word.

export function windowTitle(unread: number): string {
  return unread > 0 ? `(${unread}) Faxbot` : 'Faxbot';
}

interface UnreadSource {
  getState(): { unread: number };
  subscribe(listener: (state: { unread: number }) => void): () => void;
}

export function followUnreadTitle(inbox: UnreadSource, page: { title: string }): () => void {
  const apply = () => {
    const title = windowTitle(inbox.getState().unread);
    if (page.title !== title) page.title = title;
  };
  apply();
  return inbox.subscribe(apply);
}
