// The Settings tab list, as the WAI-ARIA tabs pattern has it: one tab in the Tab order,
// arrows, Home and End move between tabs and show them at once.
import { useRef, type KeyboardEvent } from 'react';

export interface TabInfo<T extends string> {
  id: T;
  label: string;
}

export const tabId = (prefix: string, tab: string) => `${prefix}-tab-${tab}`;
export const panelId = (prefix: string, tab: string) => `${prefix}-panel-${tab}`;

export function SettingsTabs<T extends string>(props: {
  idPrefix: string;
  tabs: readonly TabInfo<T>[];
  current: T;
  onSelect(tab: T): void;
}) {
  const { idPrefix, tabs, current, onSelect } = props;
  const buttons = useRef(new Map<T, HTMLButtonElement>());

  const onKeyDown = (e: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === current);
    const last = tabs.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length].id;
    onSelect(target);
    buttons.current.get(target)?.focus();
  };

  return (
    <div role="tablist" aria-label="Settings" className="settings-tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) buttons.current.set(tab.id, el);
            else buttons.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={tabId(idPrefix, tab.id)}
          aria-selected={tab.id === current}
          aria-controls={panelId(idPrefix, tab.id)}
          tabIndex={tab.id === current ? 0 : -1}
          className="settings-tab"
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
