import { contextBridge, ipcRenderer } from 'electron';
import { exposedApiKey } from '../contract/channels';
import { buildApi } from './api';

contextBridge.exposeInMainWorld(exposedApiKey, buildApi(ipcRenderer));
