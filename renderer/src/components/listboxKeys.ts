// The keys of a combobox's list (WAI-ARIA combobox pattern): ↓ opens it and moves down,
// ↑ moves up, Enter picks, Esc closes. Kept apart from the component so it can be tested.

export interface ListboxState {
  open: boolean;
  /** Index of the highlighted option, or -1 for none. */
  active: number;
}

export type ListboxAction = { kind: 'none' } | { kind: 'move'; state: ListboxState } | { kind: 'pick'; index: number } | { kind: 'close' };

export function listboxKey(state: ListboxState, key: string, optionCount: number): ListboxAction {
  switch (key) {
    case 'ArrowDown':
      if (optionCount === 0) return { kind: 'none' };
      if (!state.open) return { kind: 'move', state: { open: true, active: 0 } };
      return { kind: 'move', state: { open: true, active: (state.active + 1) % optionCount } };
    case 'ArrowUp':
      if (!state.open || optionCount === 0) return { kind: 'none' };
      return { kind: 'move', state: { open: true, active: state.active <= 0 ? optionCount - 1 : state.active - 1 } };
    case 'Enter':
      return state.open && state.active >= 0 && state.active < optionCount ? { kind: 'pick', index: state.active } : { kind: 'none' };
    case 'Escape':
      return state.open ? { kind: 'close' } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
