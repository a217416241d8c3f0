// hotfolder: "Print to Faxbot". The printer (or any program) drops files into the watched
// folder (FAXBOT_WATCH_DIR, default <home>/Faxbot/Outbox); Faxbot claims each finished file,
// checks it as the Send screen checks a dropped file, and queues it or puts it on Send.
//
// The producer protocol (one, simple): write the file into the folder, then create an empty
// `<file>.done` beside it. Faxbot takes a file with a marker at once and deletes the marker.
// A file without a marker (macOS PDF Services, a Windows port, a person copying a file in)
// is taken once its size and time have not changed for FAXBOT_WATCH_SETTLE_MS (default 2 s).
// Names starting with '.' or '~$', and ending in .tmp/.part/.crdownload/.partial/.done, are
// never taken, so a producer may write `.name.part` and rename it in.
//
// Folders inside it: processing/ (claimed, being faxed), sent/ (delivered), failed/ (with
// `<name>.reason.txt` saying why). Settings: FAXBOT_WATCH_POLL_MS (listing interval, default
// 1000), FAXBOT_WATCH_AUTOSEND (also FAXBOT_WATCH_AUTO_SEND), FAXBOT_WATCH_GATHER_SECONDS,
// FAXBOT_WATCH_DUPLICATE_HOURS (default 24).
//
// The engine runs it only when told to (EngineOptions.watchFolder: the Electron app and
// `faxbot serve`); FAXBOT_WATCH=false turns it off there too.
export { HotFolder, type HotFolderDeps } from './hotFolder';
export { DONE_MARKER, SUBFOLDERS, isIgnoredName } from './folderFiles';
export { numberFromFileName, numberFromText, firstPageText } from './recipient';
