// Runs before every test file (vitest.config.ts setupFiles).
import { beforeEach } from 'vitest';
import { takeKeptLog } from './testLog';

// The AWS SDK warns on every Node below 22 that its releases after January 2027 will need
// Node 22 (@aws-sdk/core emitWarningIfUnsupportedVersion). Faxbot supports Node 20.19 today,
// so in tests that notice is noise; this variable is the SDK's own switch for it. Children
// the tests start inherit it. Faxbot itself leaves it alone: an admin should see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// What the engine logged during a test is printed only when that test fails (testLog.ts).
beforeEach(({ onTestFailed }) => {
  takeKeptLog();
  onTestFailed(() => {
    const lines = takeKeptLog();
    if (lines.length > 0) process.stderr.write(`Faxbot's log during this test (${lines.length} lines):\n${lines.join('\n')}\n`);
  });
});
