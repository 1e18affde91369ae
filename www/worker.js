// The Web Worker that fits: it owns a stepping Demo (see fit-loop.js), so the page's thread only draws
// and answers clicks, even when one step over a million points takes a tenth of a second.
// Messages: see worker-host.js (start) and fit-loop.js (commands and reports).

import { Demo } from "../pkg/gmm_two_ways.js";
import { FitLoop } from "./fit-loop.js";
import { hostWorker } from "./worker-host.js";

hostWorker("fitting", (post) => new FitLoop(Demo, post));
