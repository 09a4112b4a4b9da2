import { readFileSync } from 'node:fs';

/**
 * CPU seconds a process has used so far (user + system), from /proc on Linux; NaN elsewhere.
 * CPU per request stays meaningful on a shared, loaded machine, where requests/s do not.
 */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name (which may hold spaces) in parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
