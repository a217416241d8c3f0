// The AMI failures a person can act on, each with its own wording (issue 7: wrong
// credentials, refused connection and a silent server must not look alike).
import { FaxError } from '../../../shared/errors';

export interface AmiAddress {
  host: string;
  port: number;
}

const where = (a: AmiAddress) => `${a.host}:${a.port}`;

export function amiAuthFailed(a: AmiAddress, username: string): FaxError {
  return new FaxError(
    'provider_auth',
    `Asterisk at ${where(a)} refused the AMI login for user "${username}": check ASTERISK_AMI_USERNAME and ASTERISK_AMI_PASSWORD against the [${username}] section of manager.conf (and its permit= line for this computer), then run "manager reload" in the Asterisk console.`,
  );
}

export function amiRefused(a: AmiAddress): FaxError {
  return new FaxError(
    'provider_unavailable',
    `Nothing accepted a connection at ${where(a)}: is Asterisk running, is AMI switched on in manager.conf ([general] enabled = yes, port = ${a.port}), and is its bindaddr reachable from this computer? Check ASTERISK_AMI_HOST and ASTERISK_AMI_PORT.`,
    { retryable: true },
  );
}

export function amiUnreachable(a: AmiAddress, detail: string): FaxError {
  return new FaxError(
    'provider_unavailable',
    `Could not reach Asterisk at ${where(a)} (${detail}): check ASTERISK_AMI_HOST, the network and any firewall between this computer and the PBX.`,
    { retryable: true },
  );
}

export function amiSilent(a: AmiAddress, seconds: number, stage: 'greeting' | 'login answer'): FaxError {
  const hint =
    stage === 'greeting'
      ? 'check that ASTERISK_AMI_PORT is the AMI port (5038 by default), not SIP or HTTP, and that no firewall or proxy is holding the connection'
      : 'Asterisk may be overloaded or stuck; check "manager show connected" in the Asterisk console';
  return new FaxError(
    'provider_timeout',
    `Connected to ${where(a)}, but it sent no ${stage === 'greeting' ? 'Asterisk Call Manager greeting' : 'answer to the login'} within ${seconds} s: ${hint}.`,
    { retryable: true },
  );
}

export function amiNotAsterisk(a: AmiAddress, banner: string): FaxError {
  const said = banner.replace(/[^\x20-\x7e]/g, '?').slice(0, 60);
  return new FaxError(
    'provider_error',
    `Something answered at ${where(a)}, but not Asterisk's manager interface (it said "${said}"): check ASTERISK_AMI_PORT (AMI is 5038 by default).`,
    { retryable: true },
  );
}

export function amiDisconnected(a: AmiAddress): FaxError {
  return new FaxError(
    'provider_unavailable',
    `Not connected to Asterisk at ${where(a)} right now; Faxbot keeps reconnecting and will try again.`,
    { retryable: true },
  );
}

/** An action was written but no answer came: it may or may not have run. */
export function amiNoAnswer(a: AmiAddress, action: string, why: 'dropped' | 'timeout', seconds: number): FaxError {
  const what = why === 'dropped' ? 'the connection dropped before Asterisk answered' : `Asterisk did not answer within ${seconds} s`;
  return new FaxError('outcome_unknown', `${action} sent to Asterisk at ${where(a)}, but ${what}.`, { retryable: true });
}

/** `Response: Error` to an action; keeps Asterisk's own Message for callers that map it. */
export class AmiRefusal extends FaxError {
  constructor(
    readonly action: string,
    readonly amiMessage: string,
  ) {
    super(
      /permission denied/i.test(amiMessage) ? 'provider_auth' : 'provider_error',
      /permission denied/i.test(amiMessage)
        ? `Asterisk refused ${action}: the AMI user lacks the permission for it. Add "write = originate,system" to its section of manager.conf, then "manager reload".`
        : `Asterisk refused ${action}: ${amiMessage || 'no reason given'}.`,
    );
  }
}

export function amiActionRefused(action: string, message: string): FaxError {
  return new AmiRefusal(action, message);
}
