// Reaches one fault point with FAXBOT_FAULT_POINT set to it, after disableFaultPoints() when
// asked to (as the packaged app does), and prints "alive" if the process survived.
import { disableFaultPoints } from '../../main/engine';
import { faultPoint } from '../../main/engine/faults';

if (process.argv[2] === 'disabled') disableFaultPoints();
faultPoint('job-created');
process.stdout.write('alive\n');
