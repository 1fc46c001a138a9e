/**
 * The integrations the job runner drives: the outgoing channels (app/outbox.ts sends through them) and
 * the incoming receivers (polled for what has arrived). Each integration adds its own entry.
 */
import type { Channel, OutboxChannel, Receiver } from './channel.ts';
import { fiksArkivChannel } from './fiksArkiv/channel.ts';
import { folkeregisterReceiver } from './folkeregister/receiver.ts';
import { svarutChannel } from './svarut/channel.ts';
import { nhnChannel } from './nhn/orientation.ts';
import { nhnReceiver } from './nhn/receiver.ts';

export const CHANNELS: readonly Channel[] = [fiksArkivChannel, svarutChannel, nhnChannel];

export const RECEIVERS: readonly Receiver[] = [folkeregisterReceiver, nhnReceiver];

export function channelNamed(name: OutboxChannel): Channel | undefined {
  return CHANNELS.find((c) => c.name === name);
}
