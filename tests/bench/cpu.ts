import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a /proc stat line, in ms (the name in brackets may hold spaces: count after it). */
const cpuMs = (stat: string) => {
  const fields = stat.split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};

export interface CpuSample {
  /** The process's main thread (its event loop). */
  mainMs: number;
  /** Its other threads: worker threads (page extraction), V8's GC and compiler helpers, libuv's pool. */
  otherMs: number;
  /** The whole machine: busy and total core time. */
  busyMs: number;
  totalMs: number;
}

/** CPU time so far from procfs, split by thread, and the machine's; diff two samples for a window. */
export function readCpu(pid: number): CpuSample {
  let all = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      all += cpuMs(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
    } catch {
      // a thread that ended meanwhile
    }
  }
  const mainMs = cpuMs(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { mainMs, otherMs: all - mainMs, busyMs: busy * TICK_MS, totalMs: (busy + idle + iowait) * TICK_MS };
}

/** What ran during a window between two samples. */
export function cpuBetween(before: CpuSample, after: CpuSample) {
  return {
    mainMs: after.mainMs - before.mainMs,
    otherMs: after.otherMs - before.otherMs,
    /** 1 = every core of the machine busy throughout. */
    machineBusy: (after.busyMs - before.busyMs) / Math.max(1, after.totalMs - before.totalMs),
  };
}
