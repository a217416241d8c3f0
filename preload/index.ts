// The preload of the Faxbot window: puts window.faxbot on the page and nothing else. It runs
// sandboxed, so it is bundled into one CommonJS file that requires only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { buildFaxbotApi } from './bridge';

contextBridge.exposeInMainWorld('faxbot', buildFaxbotApi(ipcRenderer));
