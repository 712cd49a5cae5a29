/* FSRS-6 scheduler, the same algorithm as the `fsrs` Python package (py-fsrs
 * 6.x) with fuzzing off: 21 default parameters, desired retention 0.9,
 * learning steps 1 and 10 minutes, a relearning step of 10 minutes, same-day
 * reviews through the short-term stability formula. Times are epoch ms.
 * Also the log loss of a review log under given parameters, and the log as
 * the optimiser's training items (assets/optimiser.js).
 * tests/test_fsrs.py replays random review histories through this file and
 * through py-fsrs and requires the same stability, difficulty and due date. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.FSRS = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var DEFAULT_PARAMETERS = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
    0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
  var State = { Learning: 1, Review: 2, Relearning: 3 };
  var Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 };
  var MINUTE = 60 * 1000, DAY = 24 * 60 * MINUTE;
  var STABILITY_MIN = 0.001, MIN_DIFFICULTY = 1, MAX_DIFFICULTY = 10;

  function Scheduler(options) {
    options = options || {};
    this.w = (options.parameters || DEFAULT_PARAMETERS).slice();
    this.desiredRetention = options.desiredRetention || 0.9;
    this.learningSteps = options.learningSteps || [1 * MINUTE, 10 * MINUTE];
    this.relearningSteps = options.relearningSteps || [10 * MINUTE];
    this.maximumInterval = options.maximumInterval || 36500;
    this.decay = -this.w[20];
    this.factor = Math.pow(0.9, 1 / this.decay) - 1;
  }

  Scheduler.prototype.newCard = function (now) {
    return { state: State.Learning, step: 0, stability: null, difficulty: null, due: now, lastReview: null };
  };

  Scheduler.prototype.retrievability = function (card, now) {
    if (card.lastReview == null || card.stability == null) return 0;
    var elapsedDays = Math.max(0, wholeDays(now - card.lastReview));
    return Math.pow(1 + this.factor * elapsedDays / card.stability, this.decay);
  };

  /* The card after a review with rating 1–4 at time `now`; the input is not changed. */
  Scheduler.prototype.review = function (card, rating, now) {
    var c = Object.assign({}, card), interval;
    var sinceLast = c.lastReview != null ? wholeDays(now - c.lastReview) : null;
    var sameDay = sinceLast != null && sinceLast < 1;
    if (c.state === State.Learning && (c.stability == null || c.difficulty == null)) {
      c.stability = this.initialStability(rating);
      c.difficulty = clampDifficulty(this.initialDifficulty(rating));
    } else if (sameDay) {
      c.stability = this.shortTermStability(c.stability, rating);
      c.difficulty = this.nextDifficulty(c.difficulty, rating);
    } else {
      c.stability = this.nextStability(c.difficulty, c.stability, this.retrievability(c, now), rating);
      c.difficulty = this.nextDifficulty(c.difficulty, rating);
    }
    if (c.state === State.Review) {
      if (rating === Rating.Again && this.relearningSteps.length) {
        c.state = State.Relearning;
        c.step = 0;
        interval = this.relearningSteps[0];
      } else {
        interval = this.nextInterval(c.stability) * DAY;
      }
    } else {
      interval = this.stepInterval(c, rating, c.state === State.Learning ? this.learningSteps : this.relearningSteps);
    }
    c.due = now + interval;
    c.lastReview = now;
    return c;
  };

  // Learning and relearning steps (mutates c.state and c.step).
  Scheduler.prototype.stepInterval = function (c, rating, steps) {
    if (!(c.step >= 0)) c.step = 0; // a (re)learning card stored without its step is on the first one
    if (!steps.length || (c.step >= steps.length && rating !== Rating.Again)) return this.graduate(c);
    if (rating === Rating.Again) {
      c.step = 0;
      return steps[0];
    }
    if (rating === Rating.Hard) {
      if (c.step === 0 && steps.length === 1) return steps[0] * 1.5;
      if (c.step === 0) return (steps[0] + steps[1]) / 2;
      return steps[c.step];
    }
    if (rating === Rating.Good && c.step + 1 < steps.length) {
      c.step += 1;
      return steps[c.step];
    }
    return this.graduate(c); // Good on the last step, or Easy
  };

  Scheduler.prototype.graduate = function (c) {
    c.state = State.Review;
    c.step = null;
    return this.nextInterval(c.stability) * DAY;
  };

  Scheduler.prototype.initialStability = function (rating) {
    return Math.max(this.w[rating - 1], STABILITY_MIN);
  };

  Scheduler.prototype.initialDifficulty = function (rating) {
    return this.w[4] - Math.pow(Math.E, this.w[5] * (rating - 1)) + 1;
  };

  Scheduler.prototype.nextInterval = function (stability) {
    var days = (stability / this.factor) * (Math.pow(this.desiredRetention, 1 / this.decay) - 1);
    return Math.min(Math.max(roundHalfEven(days), 1), this.maximumInterval);
  };

  Scheduler.prototype.shortTermStability = function (stability, rating) {
    var w = this.w;
    var increase = Math.pow(Math.E, w[17] * (rating - 3 + w[18])) * Math.pow(stability, -w[19]);
    if (rating !== Rating.Again) increase = Math.max(increase, 1);
    return Math.max(stability * increase, STABILITY_MIN);
  };

  Scheduler.prototype.nextDifficulty = function (difficulty, rating) {
    var w = this.w;
    var delta = -(w[6] * (rating - 3));
    var damped = difficulty + (10 - difficulty) * delta / 9;
    return clampDifficulty(w[7] * this.initialDifficulty(Rating.Easy) + (1 - w[7]) * damped);
  };

  Scheduler.prototype.nextStability = function (difficulty, stability, r, rating) {
    var w = this.w, next;
    if (rating === Rating.Again) {
      var longTerm = w[11] * Math.pow(difficulty, -w[12]) * (Math.pow(stability + 1, w[13]) - 1) *
        Math.pow(Math.E, (1 - r) * w[14]);
      next = Math.min(longTerm, stability / Math.pow(Math.E, w[17] * w[18]));
    } else {
      var hardPenalty = rating === Rating.Hard ? w[15] : 1;
      var easyBonus = rating === Rating.Easy ? w[16] : 1;
      next = stability * (1 + Math.pow(Math.E, w[8]) * (11 - difficulty) * Math.pow(stability, -w[9]) *
        (Math.pow(Math.E, (1 - r) * w[10]) - 1) * hardPenalty * easyBonus);
    }
    return Math.max(next, STABILITY_MIN);
  };

  /* The log loss of these parameters on review histories (each a card's
   * [rating, days since its review before], the first review's days 0): for
   * every review a day or more after the one before, how well the memory
   * state before it predicted that it was recalled (any grade but Again).
   * The measure the FSRS optimiser minimises, unweighted; the memory state
   * follows the optimiser's model, same-day reviews through the short-term
   * formula. */
  Scheduler.prototype.logLoss = function (histories) {
    var total = 0, n = 0;
    for (var h = 0; h < histories.length; h++) {
      var history = histories[h], s = null, d = null;
      for (var i = 0; i < history.length; i++) {
        var rating = history[i][0], days = history[i][1];
        if (s == null) {
          s = this.initialStability(rating);
          d = clampDifficulty(this.initialDifficulty(rating));
          continue;
        }
        if (days < 1) {
          s = this.shortTermStability(s, rating);
        } else {
          var r = Math.pow(1 + this.factor * days / s, this.decay);
          var p = Math.min(Math.max(r, 1e-7), 1 - 1e-7);
          total -= rating > 1 ? Math.log(p) : Math.log(1 - p);
          n += 1;
          s = this.nextStability(d, s, r, rating);
        }
        d = this.nextDifficulty(d, rating);
      }
    }
    return n ? total / n : NaN;
  };

  /* Each card's reviews in a review log ([card key, time ms, rating, whole
   * days since its review before]), in time order, as [rating, days]. A card
   * whose first logged review was not its first (days > 0: reviewed before
   * the log began) has no known start and is left out. */
  function histories(log) {
    var byCard = {};
    log.slice().sort(function (a, b) { return a[1] - b[1]; }).forEach(function (r) {
      (byCard[r[0]] = byCard[r[0]] || []).push([r[2], r[3] > 0 ? r[3] : 0]);
    });
    return Object.keys(byCard).map(function (k) { return byCard[k]; })
      .filter(function (h) { return h[0][1] === 0; });
  }

  /* The optimiser's training items (fsrs-browser's computeParameters), one
   * for each review a day or more after the one before (what logLoss
   * measures): the history up to and including it, flattened. */
  function trainingItems(list) {
    var ratings = [], days = [], lengths = [];
    list.forEach(function (history) {
      for (var end = 2; end <= history.length; end++) {
        if (history[end - 1][1] < 1) continue; // a same-day review: part of the history, never predicted
        for (var i = 0; i < end; i++) { ratings.push(history[i][0]); days.push(history[i][1]); }
        lengths.push(end);
      }
    });
    return { ratings: ratings, days: days, lengths: lengths };
  }

  /* 21 finite numbers (a schedule's parameters), or null. */
  function validParameters(p) {
    return Array.isArray(p) && p.length === DEFAULT_PARAMETERS.length &&
      p.every(function (x) { return typeof x === "number" && isFinite(x); }) && p[20] > 0 ? p.slice() : null;
  }

  function clampDifficulty(d) {
    return Math.min(Math.max(d, MIN_DIFFICULTY), MAX_DIFFICULTY);
  }

  // Python's timedelta.days: whole days, rounded down.
  function wholeDays(ms) {
    return Math.floor(ms / DAY);
  }

  // Python's round(): halves go to the even neighbour.
  function roundHalfEven(x) {
    var floor = Math.floor(x), diff = x - floor;
    if (diff > 0.5) return floor + 1;
    if (diff < 0.5) return floor;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  return { Scheduler: Scheduler, State: State, Rating: Rating, DEFAULT_PARAMETERS: DEFAULT_PARAMETERS, DAY: DAY, MINUTE: MINUTE,
           histories: histories, trainingItems: trainingItems, validParameters: validParameters };
});
