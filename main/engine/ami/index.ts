// ami: a thin Asterisk Manager Interface client over node:net (contracts/asterisk-ami.md).
export { AmiPacket, AmiReader, formatAction, type AmiActionFields, type AmiPacketKind, type AmiReaderHandlers } from './amiPacket';
export { AmiSession, amiLoginKey, type AmiLogin, type AmiReply, type AmiTimeouts } from './amiSession';
export { AmiClient, DEFAULT_AMI_TIMEOUTS, probeAmi, type AmiClientOptions } from './amiClient';
export { AmiRefusal, amiActionRefused, amiDisconnected, type AmiAddress } from './amiErrors';
