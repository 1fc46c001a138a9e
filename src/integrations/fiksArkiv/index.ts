/** The municipality's archive through Fiks Arkiv over Fiks IO (issue 21 part 4); see docs/integrations/fiks-arkiv.md. */
export { fiksArkivChannel } from './channel.ts';
export { archiveCause, ARCHIVE_KIND } from './cause.ts';
export { startFiksArkivStandIn, type FiksArkivStandIn, type FiksArkivStandInOptions } from './standIn.ts';
export { buildArkivmelding, type ArchiveEntry } from './arkivmelding.ts';
export { validateFiksArkiv } from './xsd.ts';
