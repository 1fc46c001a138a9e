/** The population register (Folkeregisteret): look-up at registration, the event feed, and its stand-in. */
export { API_PATH, FOLKEREGISTER_SCOPE, folkeregisterClient, FolkeregisterError, type FeedEntry, type FolkeregisterClient } from './client.ts';
export { lookUpInRegister, type RegisterLookup } from './lookup.ts';
export { isProtected, readPersonDocument, writePersonDocument, type AddressGrading, type RegisterPerson } from './personDocument.ts';
export { folkeregisterReceiver, receiveRegisterEvents } from './receiver.ts';
export { startFolkeregisterStandIn, type FolkeregisterStandIn, type FolkeregisterStandInOptions } from './standIn.ts';
