// A list that draws only the rows on screen (the Inbox with 100,000 faxes).
export { rowWindow, scrollToShow, type RowWindow, type RowWindowInput } from './rowWindow';
export { VirtualList, type VirtualListProps, type VirtualListHandle } from './VirtualList';
