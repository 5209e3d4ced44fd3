// Wall and CPU milliseconds per phase of an import, for its report: on a shared machine the CPU
// time says what the work cost when the wall time says mostly how busy the machine was.
export class PhaseTimer {
  readonly phases: Record<string, number> = {};
  private wall = performance.now();
  private cpu = process.cpuUsage();

  /** Ends the current phase under `name` and starts the next. */
  lap(name: string): void {
    const cpu = process.cpuUsage(this.cpu);
    this.phases[`${name}Ms`] = Math.round(performance.now() - this.wall);
    this.phases[`${name}CpuMs`] = Math.round((cpu.user + cpu.system) / 1000);
    this.wall = performance.now();
    this.cpu = process.cpuUsage();
  }
}
