// The window around the screens: its theme and its title.
export { resolveTheme, followTheme, type Theme, type ThemeSetting, type ThemeTarget } from './theme';
export { windowTitle, followUnreadTitle } from './title';
