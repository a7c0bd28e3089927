package io.crm.generator;

/**
 * Counts and sums of what was simulated; feeds the "realised" part of _truth.json. Real-valued
 * quantities are summed as fixed-point longs (billionths), so the totals are exact and do not
 * depend on how customers were split into blocks or threads.
 */
final class Tally {
  long persons;
  long guests;
  long b2c;
  long b2b;
  long b2g;
  long purchases;          // process orders (first + repeats), never cancelled
  long repeats;
  long repeatsSquared;
  long zeroRepeats;
  long sameDayMoves;       // repeat purchases moved to the next day (see PersonSimulator.onANewDay)
  long expectedRepeatsNano;  // sum over persons of E[X(T)] for their operational window, in 1e-9
  long droppedOut;         // persons whose dropout happened inside the period
  long lambdaNano;
  long dropoutNano;
  long orderValueCents;
  long orderValueCentsSquared;
  long cancelledOrders;
  long orderLines;         // completed lines of process orders
  long returnLines;
  long guestOrders;
  long webOrders;
  long visits;
  long humanHits;
  long botHits;
  long events;
  long anonymousVisitors;
  long contactRows;
  long contactDuplicatePersons;
  long contactsDeRows;
  long newsletterOptIns;
  long invalidEmails;
  long surveys;
  long surveysBeforeDropout;
  long csatBeforeDropout;
  long csatOther;

  static long nano(double v) {
    return Math.round(v * 1e9);
  }

  void add(Tally o) {
    persons += o.persons;
    guests += o.guests;
    b2c += o.b2c;
    b2b += o.b2b;
    b2g += o.b2g;
    purchases += o.purchases;
    repeats += o.repeats;
    repeatsSquared += o.repeatsSquared;
    zeroRepeats += o.zeroRepeats;
    sameDayMoves += o.sameDayMoves;
    expectedRepeatsNano += o.expectedRepeatsNano;
    droppedOut += o.droppedOut;
    lambdaNano += o.lambdaNano;
    dropoutNano += o.dropoutNano;
    orderValueCents += o.orderValueCents;
    orderValueCentsSquared += o.orderValueCentsSquared;
    cancelledOrders += o.cancelledOrders;
    orderLines += o.orderLines;
    returnLines += o.returnLines;
    guestOrders += o.guestOrders;
    webOrders += o.webOrders;
    visits += o.visits;
    humanHits += o.humanHits;
    botHits += o.botHits;
    events += o.events;
    anonymousVisitors += o.anonymousVisitors;
    contactRows += o.contactRows;
    contactDuplicatePersons += o.contactDuplicatePersons;
    contactsDeRows += o.contactsDeRows;
    newsletterOptIns += o.newsletterOptIns;
    invalidEmails += o.invalidEmails;
    surveys += o.surveys;
    surveysBeforeDropout += o.surveysBeforeDropout;
    csatBeforeDropout += o.csatBeforeDropout;
    csatOther += o.csatOther;
  }
}
