// Who a cover page is from: the practice as set up on this station, each number written as
// people in its country write it. A cover and its preview both take it from here.
import { formatFaxNumber } from '../../../shared/faxNumber';
import type { Settings } from '../../../shared/model';

export function coverSender(s: Settings): { fromName: string; fromNumber: string; fromPhone: string } {
  return {
    fromName: s.stationName,
    fromNumber: s.stationNumber ? formatFaxNumber(s.stationNumber, s.defaultCountry) : '',
    fromPhone: s.stationPhone ? formatFaxNumber(s.stationPhone, s.defaultCountry) : '',
  };
}
