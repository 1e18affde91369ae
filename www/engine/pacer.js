// How fast a playing fit steps: the size of each slice of steps and the measured steps per second, shared by
// the fit loop (fit-loop.js) and the two-worker coordinator (panel-workers.js).

/** Longest stretch of stepping between two reports, so Pause is answered quickly even at N = 1,000,000. */
export const SLICE_MS = 40;
/** While playing, a report at most this often (the page redraws at most once per frame anyway). */
export const TICK_MS = 16;

export class Pacer {
  constructor() {
    this.speed = 10; // steps asked for per frame
    this.msPerStep = 1; // the last slice's
    this.rate = { steps: 0, since: 0, value: 0 };
  }

  /** Play starts (again): the rate is counted afresh, its last value kept until the next is known. */
  begin(speed) {
    this.speed = speed;
    this.rate = { steps: 0, since: performance.now(), value: this.rate.value };
  }

  /** The next slice's number of steps: as many as asked for per frame, within SLICE_MS. */
  sliceSteps() {
    return Math.max(1, Math.min(this.speed, Math.floor(SLICE_MS / this.msPerStep)));
  }

  /** A slice of `steps` took `took` ms and moved the clock by `stepped`; returns the wait before the next. */
  record(steps, took, stepped) {
    this.msPerStep = Math.max(0.005, took / steps);
    this.rate.steps += stepped;
    const now = performance.now();
    if (now - this.rate.since >= 1000) {
      this.rate.value = (this.rate.steps * 1000) / (now - this.rate.since);
      this.rate.steps = 0;
      this.rate.since = now;
    }
    return Math.max(0, TICK_MS - took);
  }

  /** Steps per second, over the last second or so of playing. */
  get stepsPerSecond() {
    return this.rate.value;
  }
}
