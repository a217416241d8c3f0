// Reads the engine's clock with FAXBOT_TEST_CLOCK_FILE set, after disableFaultPoints() when
// asked to (as the packaged app does), and prints how far it is from the system clock, in hours.
import { disableFaultPoints } from '../../main/engine';
import { clockFromEnv } from '../../main/engine/clock';

if (process.argv[2] === 'disabled') disableFaultPoints();
const clock = clockFromEnv(process.env);
process.stdout.write(`${Math.round((clock().getTime() - Date.now()) / 3_600_000)}\n`);
