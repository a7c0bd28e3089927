package io.crm.etl.generate;

/**
 * Counts and sums of what was simulated, added up block by block in customer order (so the sums,
 * doubles included, are the same on every run). Feeds the "realised" part of _truth.json.
 */
final class Tally {
  long persons;
  long guests;
  long b2c;
  long b2b;
  long b2g;
  long purchases;          // process orders (first + repeats), never cancelled
  long repeats;
  double repeatsSquared;
  long zeroRepeats;
  double expectedRepeats;  // sum over persons of E[X(T)] for their operational window
  long droppedOut;         // persons whose dropout happened inside the period
  double lambdaSum;
  double dropoutSum;
  long orderValueCents;
  double orderValueSquared; // in euros squared
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
    expectedRepeats += o.expectedRepeats;
    droppedOut += o.droppedOut;
    lambdaSum += o.lambdaSum;
    dropoutSum += o.dropoutSum;
    orderValueCents += o.orderValueCents;
    orderValueSquared += o.orderValueSquared;
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
