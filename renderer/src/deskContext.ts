// The desk's stores, handed to every screen through React context.
import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Desk } from './stores';

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk is used outside <DeskContext.Provider>.');
  return desk;
}

/** Reads one slice of a desk store and re-renders when it changes. */
export function useSlice<S, T>(store: StoreApi<S>, pick: (state: S) => T): T {
  return useStore(store, pick);
}
