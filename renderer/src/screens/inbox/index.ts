// The Inbox's parts: the list, the search, the delete confirmation and its Undo.
export { InboxList, INBOX_ROW_HEIGHT, rowDomId } from './InboxList';
export { InboxSearch } from './InboxSearch';
export { DeleteConfirm } from './DeleteConfirm';
export { UndoToast } from './UndoToast';
export { senderOf, rowLabel, faxFileName, noMatchWords, NO_FAXES_YET } from './faxWords';
