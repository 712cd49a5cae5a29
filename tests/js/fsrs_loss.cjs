// The optimiser's inputs and measure from docs/assets/fsrs.js: reads
// {"log": [[key, ms, rating, days], …], "parameters": [21 numbers] | null}
// on stdin, prints each card's history, the training items and the log loss.
const path = require("path");
const FSRS = require(path.join(__dirname, "..", "..", "docs", "assets", "fsrs.js"));
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { log, parameters } = JSON.parse(input);
  const histories = FSRS.histories(log);
  const scheduler = new FSRS.Scheduler({ parameters: FSRS.validParameters(parameters) });
  process.stdout.write(JSON.stringify({ histories, items: FSRS.trainingItems(histories),
                                        loss: scheduler.logLoss(histories) }));
});
