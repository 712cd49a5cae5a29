// Replays review histories through docs/assets/fsrs.js: reads
// [{"start": ms, "reviews": [[rating, ms], …]}, …] on stdin, prints each
// card's state after every review as JSON.
const path = require("path");
const FSRS = require(path.join(__dirname, "..", "..", "docs", "assets", "fsrs.js"));
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const scheduler = new FSRS.Scheduler();
  const out = JSON.parse(input).map((history) => {
    let card = scheduler.newCard(history.start);
    return history.reviews.map(([rating, at]) => {
      card = scheduler.review(card, rating, at);
      return [card.state, card.step, card.stability, card.difficulty, card.due];
    });
  });
  process.stdout.write(JSON.stringify(out));
});
