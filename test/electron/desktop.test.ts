// What a person sees from the shell: notification text, tray wording, the menu in
// development and in a packaged app, and the development-only CSP relaxations.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron'));
const { receivedFaxNotice } = await import('../../main/electron/notifications');
const { trayTooltip, trayMenuTemplate } = await import('../../main/electron/tray');
const { appMenuTemplate } = await import('../../main/electron/menu');
const { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } = await import('../../main/electron/security');

describe('the received-fax notification', () => {
  it('names the sender, else their number, and counts pages in words', () => {
    expect(receivedFaxNotice({ from: '+12025550143', fromName: 'Dr. Amy Lee', pages: 3 })).toEqual({
      title: 'Fax received',
      body: 'From Dr. Amy Lee, 3 pages.',
    });
    expect(receivedFaxNotice({ from: '+12025550143', fromName: '  ', pages: 1 }).body).toBe('From (202) 555-0143, 1 page.');
    // The address book's name for the number comes before the station id the machine sent.
    expect(receivedFaxNotice({ from: '+12025550143', fromName: 'LEE CLINIC', contactName: 'Dr. Amy Lee', pages: 2 }).body).toBe(
      'From Dr. Amy Lee, 2 pages.',
    );
    expect(receivedFaxNotice({ from: '', fromName: '', pages: 0 }).body).toBe('From an unknown number, 0 pages.');
    expect(receivedFaxNotice({ from: 'anonymous', fromName: '', pages: 2 }).body).toBe('From anonymous, 2 pages.');
  });
});

describe('the tray', () => {
  it('says how many faxes are unread, in words', () => {
    expect(trayTooltip(0)).toBe('Faxbot — no unread faxes');
    expect(trayTooltip(1)).toBe('Faxbot — 1 unread fax');
    expect(trayTooltip(12)).toBe('Faxbot — 12 unread faxes');
  });

  it('offers Show, Send a fax and Quit, each doing its own thing', () => {
    const done: string[] = [];
    const menu = trayMenuTemplate(2, {
      showWindow: () => done.push('show'),
      newFax: () => done.push('new'),
      quit: () => done.push('quit'),
    });
    expect(menu[0]).toMatchObject({ label: '2 unread faxes', enabled: false });
    for (const label of ['Show Faxbot', 'Send a fax', 'Quit Faxbot']) (menu.find((item) => item.label === label)!.click as () => void)();
    expect(done).toEqual(['show', 'new', 'quit']);
  });
});

describe('the application menu', () => {
  const labels = (template: ReturnType<typeof appMenuTemplate>) =>
    template.flatMap((item) => [
      item.label ?? item.role,
      ...((item.submenu as Array<{ label?: string; role?: string }>) ?? []).map((sub) => sub.label ?? sub.role),
    ]);

  it('has reload and developer tools only in development', () => {
    const packaged = labels(appMenuTemplate({ isDevelopment: false, isMac: false, newFax() {}, quit() {} }));
    const dev = labels(appMenuTemplate({ isDevelopment: true, isMac: false, newFax() {}, quit() {} }));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(packaged).toEqual(expect.arrayContaining(['File', 'New Fax', 'Quit', 'editMenu', 'View', 'help', 'About Faxbot']));
  });

  it('leaves Ctrl+N to the page on Windows and Linux, and uses the app menu on macOS', () => {
    const newFaxItem = (isMac: boolean) =>
      (
        appMenuTemplate({ isDevelopment: false, isMac, newFax() {}, quit() {} }).find((item) => item.label === 'File')!.submenu as Array<
          Record<string, unknown>
        >
      )[0];
    expect(newFaxItem(false)).toMatchObject({ accelerator: 'CmdOrCtrl+N', registerAccelerator: false });
    expect(newFaxItem(true)).toMatchObject({ accelerator: 'CmdOrCtrl+N', registerAccelerator: true });
    expect(appMenuTemplate({ isDevelopment: false, isMac: true, newFax() {}, quit() {} })[0]).toEqual({ role: 'appMenu' });
  });
});

describe('the development CSP', () => {
  it("adds only what the dev server's hot reload needs", () => {
    const dev = developmentContentSecurityPolicy('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    const withoutDevExtras = dev.replace("script-src 'self' 'unsafe-inline'", "script-src 'self'").replace(' ws://localhost:5173', '');
    expect(withoutDevExtras).toBe(CONTENT_SECURITY_POLICY);
  });
});
