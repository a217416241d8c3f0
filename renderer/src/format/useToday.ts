// Today's date that changes at local midnight, so a list drawn yesterday re-reads its times
// ("14:05" becomes "Dec 7, 14:05") without waiting for anything else to change.
import { useEffect, useState } from 'react';

function msUntilMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return next.getTime() - now.getTime();
}

export function useToday(): Date {
  const [today, setToday] = useState(() => new Date());
  useEffect(() => {
    // A second past midnight, so the new day has surely begun; a sleeping laptop fires on waking.
    const timer = setTimeout(() => setToday(new Date()), msUntilMidnight(today) + 1000);
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
