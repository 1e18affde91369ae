// Runs tasks one after another in the order they were queued, each after the previous one's promise has
// settled (a refused task does not stop the ones after it).

/** Returns `enqueue(task)`: resolves or rejects with `task()`'s result once the tasks before it are done. */
export function serialQueue() {
  let tail = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };
}
