// The Contacts screen (the address book) and its panels.
export { ContactsScreen, SEARCH_MARK, SHOWN_MEASURE } from './ContactsScreen';
