/** A method's numbers as shown (the panels keep the names `direct` and `em` whatever they run). */
export interface MethodState {
  /** The method's name: "adam", "momentum", "gd", "em" or "overrelaxed-em". */
  kind: string;
  /** The method in words, e.g. "gradient descent (Adam)". */
  method: string;
  /** Mean negative log-likelihood of the fit on the data. */
  loss: number;
  /** Steps this method has taken (shown). */
  steps: number;
  /** "running", "converged", "max-steps" or "diverged". */
  status: string;
  stoppedAt: number | null;
  weights: Float64Array;
  means: Float64Array;
  sigmas: Float64Array;
  /** Measured seconds per step in this run, or null before it is timed. */
  secondsPerStep: number | null;
  [more: string]: unknown;
}

/** A mixture's parameters: weights, means and standard deviations. */
export interface Parameters {
  weights: Float64Array;
  means: Float64Array;
  sigmas: Float64Array;
}

/** The mixture shown by `compare()`, with its loss on this run's data. */
export interface Comparison extends Parameters {
  loss: number;
}

/** `handle.state()`: the run as shown. */
export interface State {
  step: number;
  /** The rewound step shown, or null when live. */
  shownStep: number | null;
  finished: boolean;
  n: number;
  k: number;
  /** The true parameters' loss, or null for your own data. */
  truthLoss: number | null;
  truth: Parameters | null;
  /** The mixture compare() shows, or null. */
  comparison: Comparison | null;
  direct: MethodState;
  em: MethodState;
}

/** What step(), reset(), setOptions() resolve to, and the detail of the "step" and "stop" events. */
export interface Summary {
  step: number;
  finished: boolean;
  direct: { loss: number; status: string; steps: number };
  em: { loss: number; status: string; steps: number };
  truthLoss: number | null;
}

/** The detail of an "error" event: a refused setting or a failed run. */
export interface DemoErrorDetail {
  message: string;
  field?: string | null;
  allowed?: AllowedValues | null;
}

/** What a refused value allows: `error.allowed` of the Errors the API throws. */
export interface AllowedValues {
  text: string;
  min?: number;
  max?: number;
  oneOf?: Array<string | number>;
}

/** Errors the API throws carry the option or argument refused (`field`) and what it allows. */
export interface DemoError extends Error {
  field?: string | null;
  allowed?: AllowedValues;
  hint?: string;
}

/** The events of `handle.on(event, listener)`, with the detail each listener gets. */
export interface DemoEvents {
  step: Summary;
  stop: Summary;
  settings: Settings;
  error: DemoErrorDetail;
}

/** `handle.verdict()`: who ended lower and why (so far, or at the end). */
export interface Verdict {
  finished: boolean;
  step: number;
  headline: string;
  threeWays: string | null;
  winner: string | null;
  margin: number | null;
  total: number | null;
  bestLoss: number | null;
  direct: unknown;
  em: unknown;
  [more: string]: unknown;
}

/** The homework's parameterisation of a mixture: weights softmax(logits), means, sigmas exp(lsigmas). */
export interface CompareParameters {
  logits: ArrayLike<number>;
  means: ArrayLike<number>;
  lsigmas: ArrayLike<number>;
}

/** The handle `mount()` resolves to (and the `<gmm-two-ways>` element's `demo` property). */
export interface DemoHandle {
  play(): void;
  pause(): void;
  /** Queued: resolves after these `n` steps (default 1; 0 to 100,000). Pauses a playing demo first. */
  step(n?: number): Promise<Summary>;
  /** Queued: back to step 0 with the same start. */
  reset(): Promise<Summary>;
  /** Shows the recorded step nearest `step`; resolves to the step shown. */
  rewind(step: number): Promise<number>;
  /** Queued: throws at once (DemoError) for a refused option; resolves with the new run (step 0). */
  setOptions(options: Options): Promise<Summary>;
  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof DemoEvents>(event: E, listener: (detail: DemoEvents[E]) => void): () => void;
  /** Shows a mixture fitted elsewhere dotted on both density panels; throws a DemoError for a bad one. */
  compare(params: CompareParameters): Comparison;
  clearComparison(): void;
  state(): State;
  verdict(): Verdict;
  bestLoss(): number | null;
  settings(): Settings;
  destroy(): void;
  /** The demo's element, or null once destroyed. */
  readonly element: HTMLElement | null;
  readonly destroyed: boolean;
}

/** Mounts a demo into `element` (its children are replaced); rejects with a DemoError for a bad option. */
export function mount(element: Element, options?: MountOptions): Promise<DemoHandle>;

/** `<gmm-two-ways>`, configured by attributes; defined when this module is imported. */
export class GmmTwoWaysElement extends HTMLElement {
  /** Resolves to the handle once the demo has started. */
  demo: Promise<DemoHandle> | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "gmm-two-ways": GmmTwoWaysElement;
  }
}
