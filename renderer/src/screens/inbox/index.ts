// The Inbox's parts: the list, the search, and a delete's Undo.
export { InboxList, INBOX_ROW_HEIGHT, rowDomId } from './InboxList';
export { InboxSearch } from './InboxSearch';
export { UndoToast } from './UndoToast';
export { senderOf, rowLabel, faxFileName, noMatchWords, NO_FAXES_YET } from './faxWords';
