// One originated call in the fake, event by event (contract §5.3, §8): never answered
// (Hangup + OriginateResponse Failure), or answered and run through faxbot-send and its
// hangup handler (AstDB write, UserEvent FaxbotResult, Hangup).
import { snapshot, type Headers } from './wire';
import { faxVariables, faxbotResultBody, UNANSWERED, type CallOutcome } from './callScript';

export interface PlacedCall {
  actionId: string;
  channel: string;
  number: string;
  channelId: string;
  variables: Record<string, string>;
  callerId: string;
}

export interface CallStage {
  outcome: CallOutcome;
  channelName: string;
  emit(cls: string, headers: Headers): void;
  step(): Promise<unknown>;
  noisy: boolean;
  liveChannels: Map<string, { name: string; number: string }>;
  astdb: Map<string, string>;
  /** Called right after the answer: the fake's "drop mid-call" fault. */
  answered(): void;
}

export async function runCall(call: PlacedCall, stage: CallStage): Promise<void> {
  const { outcome, emit, step, liveChannels } = stage;
  const name = stage.channelName;
  const callerNum = /<(\d+)>/.exec(call.callerId)?.[1] ?? '';
  const callerName = /^"?([^"<]*)"?\s*</.exec(call.callerId)?.[1]?.trim() ?? '';
  const snap = (state: number, context = 'faxbot-send', priority = 1) =>
    snapshot({ name, state, uniqueid: call.channelId, callerNum, callerName, connectedNum: call.number, context, exten: 's', priority });
  const originateResponse = (ok: boolean, reason: number): Headers => [
    ['Event', 'OriginateResponse'],
    ['ActionID', call.actionId],
    ['Response', ok ? 'Success' : 'Failure'],
    ['Channel', ok ? name : call.channel],
    ['Context', 'faxbot-send'],
    ['Exten', 's'],
    ['Reason', String(reason)],
    ['Uniqueid', call.channelId],
    ['CallerIDNum', callerNum || '<unknown>'],
    ['CallerIDName', callerName || '<unknown>'],
  ];
  liveChannels.set(call.channelId, { name, number: call.number });
  await step();
  if (stage.noisy)
    emit('call', [
      ['Event', 'VarSet'],
      ...snapshot({
        name: 'PJSIP/other-00000001',
        state: 6,
        uniqueid: 'other-1',
        callerNum: '',
        callerName: '',
        connectedNum: '',
        context: 'default',
        exten: 's',
        priority: 1,
      }),
      ['Variable', 'X'],
      ['Value', '1'],
    ]);
  emit('call', [['Event', 'Newchannel'], ...snap(0)]);
  await step();
  if (outcome.kind === 'busy' || outcome.kind === 'no_answer' || outcome.kind === 'congestion' || outcome.kind === 'unallocated') {
    const u = UNANSWERED[outcome.kind];
    liveChannels.delete(call.channelId);
    emit('call', [['Event', 'Hangup'], ...snap(outcome.kind === 'busy' ? 7 : 0), ['Cause', String(u.cause)], ['Cause-txt', u.text]]);
    await step();
    emit('call', originateResponse(false, u.reason));
    return;
  }
  emit('call', originateResponse(true, 4));
  stage.answered();
  if (outcome.kind === 'stuck') return;
  await step();
  const file = call.variables.FAXBOT_FILE ?? '';
  if (outcome.kind !== 'human') {
    emit('call', [
      ['Event', 'FAXStatus'],
      ...snap(6),
      ['Operation', 'send'],
      ['Status', 'FAX Transmission In Progress'],
      ['LocalStationID', call.variables.FAXBOT_STATION ?? ''],
      ['FileName', file],
    ]);
    await step();
  }
  const v = faxVariables(outcome);
  if (outcome.kind !== 'human') {
    emit('call', [
      ['Event', 'SendFAX'],
      ...snap(6),
      ['LocalStationID', call.variables.FAXBOT_STATION ?? ''],
      ['RemoteStationID', v.remoteStationId],
      ['PagesTransferred', v.pages || '0'],
      ['Resolution', v.resolution],
      ['TransferRate', v.bitrate],
      ['FileName', file],
    ]);
    await step();
  }
  // The hangup handler (§6): AstDB first, then the UserEvent, then the channel goes.
  const job = call.variables.FAXBOT_JOB ?? '';
  stage.astdb.set(`faxbot/${job}`, `${v.status}|${v.error}|${v.pages}|16`);
  emit('user', [['Event', 'UserEvent'], ...snap(6, 'faxbot-send-result', 2), ...faxbotResultBody(job, v, 16)]);
  await step();
  liveChannels.delete(call.channelId);
  emit('call', [['Event', 'Hangup'], ...snap(6), ['Cause', '16'], ['Cause-txt', 'Normal Clearing']]);
}
