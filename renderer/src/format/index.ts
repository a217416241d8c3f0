// How the desk puts engine data into words: status chips, times, the To field's hint.
export { deskText, isTechnical } from './deskText';
export { jobChip, jobReason, pagesLabel, shortReason, type JobChip, type ChipTone } from './jobChip';
export { formatFaxTime, formatClock } from './time';
export { numberHint, type NumberHint } from './numberHint';
export { sendChip, sendTitle } from './sendWords';
