// The Web Worker of the restarts experiment: runs R restarts to the end in slices and reports after each,
// so the page stays responsive and can show progress. Messages: see worker-host.js (start) and
// restarts-loop.js (`start`/`cancel` in, `progress`/`error` out).

import { RestartsRun } from "../pkg/gmm_two_ways.js";
import { RestartsLoop } from "./restarts-loop.js";
import { hostWorker } from "./worker-host.js";

hostWorker("restarts", (post) => new RestartsLoop(RestartsRun, post));
