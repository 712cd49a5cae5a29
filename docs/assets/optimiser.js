/* "Optimise my schedule": a module Worker started by assets/quiz.js. It fits
 * FSRS-6's 21 parameters to the reader's own review log with fsrs-browser
 * (the official optimiser, fsrs-rs, compiled to WebAssembly; published by
 * hooks/fsrs_optimiser.py), then measures the log loss of the parameters in
 * use and of the fitted ones on that same log (assets/fsrs.js). It runs on
 * one thread: the threaded build would need a cross-origin isolated page,
 * which a static host cannot promise.
 *
 * In:  {log, parameters, fsrs, fsrsBrowser}: the review log, the parameters
 *      in use (null: the defaults), and the URLs of the two modules.
 * Out: {parameters, before, after, reviews, cards, ms} or {error}. */
var panic = ""; // fsrs-rs reports why it stopped on the console; the exception only says "unreachable"
var consoleError = console.error;
console.error = function () {
  panic = panic || String(arguments[0]).split("\n").slice(0, 2).join(" ");
  consoleError.apply(console, arguments);
};

self.onmessage = async function (event) {
  var data = event.data;
  try {
    await import(data.fsrs); // sets self.FSRS
    var library = await import(data.fsrsBrowser);
    var list = FSRS.histories(data.log);
    var items = FSRS.trainingItems(list);
    var current = FSRS.validParameters(data.parameters) || FSRS.DEFAULT_PARAMETERS;
    var started = performance.now();
    await library.default();
    var optimiser = new library.Fsrs(); // computeParameters takes it over: nothing left to free
    var fitted = Array.from(optimiser.computeParameters(Uint32Array.from(items.ratings),
      Uint32Array.from(items.days), Uint32Array.from(items.lengths), undefined, true));
    if (!FSRS.validParameters(fitted)) throw new Error("the optimiser gave no usable parameters");
    self.postMessage({
      parameters: fitted,
      before: new FSRS.Scheduler({ parameters: current }).logLoss(list),
      after: new FSRS.Scheduler({ parameters: fitted }).logLoss(list),
      reviews: list.reduce(function (n, h) { return n + h.length; }, 0),
      cards: list.length,
      ms: Math.round(performance.now() - started)
    });
  } catch (e) {
    // fsrs-rs stops on a log it cannot fit (too few reviews a day or more apart)
    self.postMessage({ error: panic || String((e && e.message) || e) });
  }
};
