// The loops an engine runs (in its worker, or on the page's thread): the fit (fit-loop.js), the restarts
// experiment (restarts-loop.js), K chosen by the data (k-selection-loop.js), the best-fit search (reference-loop.js) and the teaching sections' passes
// over the data (teaching-loop.js), each made from its wasm class, `post(message, transfer)` and the init
// message (the fit's may name the one panel it steps: panel-workers.js).

import { BestFitRun, Demo, KSelectionRun, RestartsRun, TeachingRun } from "../../pkg/gmm_two_ways.js";
import { FitLoop } from "./fit-loop.js";
import { KSelectionLoop } from "./k-selection-loop.js";
import { ReferenceLoop } from "./reference-loop.js";
import { RestartsLoop } from "./restarts-loop.js";
import { TeachingLoop } from "./teaching-loop.js";

export const LOOPS = {
  fit: (post, init) => new FitLoop(Demo, post, init?.panel),
  restarts: (post) => new RestartsLoop(RestartsRun, post),
  kSelection: (post) => new KSelectionLoop(KSelectionRun, post),
  reference: (post) => new ReferenceLoop(BestFitRun, post),
  teaching: (post) => new TeachingLoop(TeachingRun, post),
};

/** What each loop is called in messages to the user. */
export const LOOP_NAMES = { fit: "fitting", restarts: "restarts", kSelection: "K selection", reference: "best-fit search",
  teaching: "teaching sections'" };

/** The command that starts a loop's history afresh (the fallback replays from the last one). */
export const FRESH_START = { fit: "build", restarts: "start", kSelection: "start", reference: "start", teaching: "start" };
