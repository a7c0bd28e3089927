package io.crm.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulates one customer slot end to end and renders it into a {@link Block}: identity, the
 * BG/NBD purchase history (first purchase on the seasonal acquisition clock, repeats on the weekly
 * clock, at most one purchase per calendar day) with Gamma-Gamma order values (net of returns),
 * order lines with returns and cancellations, web visits (access-log hits and tracker events), contact rows in both exports,
 * survey answers, plus an anonymous visitor and crawler traffic attached to the slot.
 *
 * <p>Everything for slot i comes from random streams seeded by (seed, purpose, i), so a customer
 * looks the same whatever the block size, thread count or order of generation.
 */
final class PersonSimulator {
  private static final String HOST = "https://shop.example.de";
  private static final String[] CHANNELS = {"web", "store", "phone", "marketplace"};
  private static final double[] CHANNEL_B2C = {0.65, 0.15, 0.08, 0.12};
  private static final double[] CHANNEL_B2B = {0.60, 0.10, 0.28, 0.02};
  private static final String[] HUMAN_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
  };
  private static final String[] BOT_AGENTS = {
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "python-requests/2.31.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
  };
  private static final int[] BOT_NET = {66, 40, 54, 185, 5, 180, 74, 31, 3, 34};
  private static final int[] ISP_NET = {79, 84, 87, 91, 93, 95, 176, 178, 188, 212, 217, 46, 37, 2, 62, 77, 80, 85, 89, 92};
  private static final String[] SEARCH_TERMS = {"geschenk", "kaffee", "jacke", "lautsprecher", "yoga", "puzzle", "garten", "creme", "buch", "sale"};
  private static final String[] DE_POSITIVE = {
    "Schnelle Lieferung, alles bestens.", "Sehr zufrieden, gerne wieder!", "Top Qualität und freundlicher Service.",
    "Ware gut verpackt, Lieferung pünktlich.", "Alles super, danke!"
  };
  private static final String[] DE_NEUTRAL = {
    "Ganz ok, Lieferung hat etwas gedauert.", "Produkt in Ordnung, Verpackung übertrieben.", "Geht so."
  };
  private static final String[] DE_NEGATIVE = {
    "Ware kam beschädigt an, sehr ärgerlich.", "Lieferung viel zu spät, Hotline nicht erreichbar.",
    "Rücksendung war kompliziert; Geld noch nicht erstattet.", "Nie wieder. Qualität \"mangelhaft\"!",
    "Falscher Artikel geliefert, Kundenservice unfreundlich."
  };
  private static final String[] EN_POSITIVE = {
    "Fast delivery, great quality.", "Very happy, will order again!", "Friendly support, quick refund."
  };
  private static final String[] EN_NEUTRAL = {"It's ok, delivery took a while.", "Product fine, packaging excessive."};
  private static final String[] EN_NEGATIVE = {
    "Item arrived damaged, very disappointed.", "The \"express\" shipping was not express at all.",
    "Still waiting for my refund, support never answers.", "Wrong size, returns process is a pain."
  };

  private final GeneratorSettings settings;
  private final TrueParameters truth;
  private final Seasonality season;
  private final Clock clock;
  private final Catalog catalog;
  private final int idWidth;
  private final long endSecond;
  private final Seasonality purchaseClock;
  private final Seasonality acquisition;
  /** Length of the period on the purchase clock and on the seasonal clock (operational days). */
  private final double totalOp;
  private final double totalSeasonal;

  /**
   * @param season the yearly seasonal clock: web traffic
   * @param acquisition the clock of first purchases
   * @param purchaseClock the weekly clock repeat purchases run on (see {@link Seasonality})
   */
  PersonSimulator(GeneratorSettings settings, TrueParameters truth, Seasonality season, Seasonality acquisition,
      Seasonality purchaseClock, Clock clock, Catalog catalog) {
    this.settings = settings;
    this.truth = truth;
    this.season = season;
    this.purchaseClock = purchaseClock;
    this.acquisition = acquisition;
    this.clock = clock;
    this.catalog = catalog;
    this.idWidth = Math.max(7, Integer.toString(settings.customers()).length());
    this.endSecond = season.hours() * 3600L;
    this.totalOp = purchaseClock.totalOperational();
    this.totalSeasonal = season.totalOperational();
  }

  /**
   * The second of a repeat purchase, moved to the next calendar day when it falls on the day of
   * the previous purchase; -1 when that is past the end of the period.
   *
   * <p>Why: CLV counts purchases per day, as Fader and Hardie do (two orders of one day are one
   * purchase). Left alone, the heaviest buyers would place two process purchases on one day now
   * and then, the day count would lose them, and a BG/NBD fit on purchase days would overstate r
   * and alpha (by about 3.5 standard errors at 100,000 customers). Moving the purchase keeps the
   * count exact and shifts its time by less than a day or two, which the fit does not notice.
   */
  private long onANewDay(long second, long previous, Tally tally) {
    int previousDay = purchaseClock.day(previous);
    if (purchaseClock.day(second) > previousDay) {
      return second;
    }
    tally.sameDayMoves++;
    int day = previousDay + 1;
    if (day >= purchaseClock.days()) {
      return -1;
    }
    long timeOfDay = second - purchaseClock.dayStart(purchaseClock.day(second));
    return Math.min(purchaseClock.dayStart(day) + timeOfDay, purchaseClock.dayStart(day + 1) - 1);
  }

  /**
   * Where a person stands when the generated period ends, for nightly arrivals: who they are,
   * their devices, whether they are still alive in the BG/NBD sense and with which rates, how many
   * orders they placed, when their interest in the shop ends (a calendar second from the period
   * start; Long.MAX_VALUE while alive) and their last rows in the two contact exports (null when
   * they are in neither).
   */
  record Ending(Identity id, Device[] devices, boolean alive, double lambda, double p, double nu, int favourite,
      int orders, long netCents, long activeUntil, String[] toolRow, String[] erpRow) {}

  /** A purchase of the BG/NBD process, kept for the web visits and surveys of the same person. */
  private record Order(String id, long second, boolean web, int[] categories, int[] skus, boolean returned, boolean beforeDropout) {}

  /** A browser of the person: cookie id, address, user agent, whether it blocks the tracker. */
  record Device(String cookie, String ip, String agent, boolean blocksTracker) {}

  /** The person's identity as the shop knows it. */
  record Identity(String number, String customerId, String email, String first, String last, String company,
      String type, People.Country country, String city, String postalCode, String street, boolean guest) {}

  void simulate(int index, Block out) {
    long seed = settings.seed();
    SplittableRandom rng = Sampling.stream(seed, 1, index);
    SplittableRandom web = Sampling.stream(seed, 2, index);
    SplittableRandom misc = Sampling.stream(seed, 4, index);
    out.beginPerson(Sampling.stream(seed, 3, index));
    Tally tally = out.tally;

    Identity id = identity(index, rng);
    tally.persons++;
    if (id.guest()) {
      tally.guests++;
    }
    switch (id.type()) {
      case "B2B" -> tally.b2b++;
      case "B2G" -> tally.b2g++;
      default -> tally.b2c++;
    }

    // --- acquisition on the seasonal clock (Black Friday and December bring new customers); repeat
    // purchases as BG/NBD on the weekly clock, which keeps the process BG/NBD in calendar weeks
    long birthSecond = acquisition.calendarSecond(rng.nextDouble() * acquisition.totalOperational());
    double birthOp = purchaseClock.operational(birthSecond);
    double lambda = Sampling.gamma(rng, truth.r(), truth.alpha());
    double p = Sampling.beta(rng, truth.a(), truth.b());
    List<Long> purchaseSeconds = new ArrayList<>();
    purchaseSeconds.add(birthSecond);
    boolean dropped = false;
    double t = birthOp;
    while (purchaseSeconds.size() < 5000) {
      t += Sampling.exponential(rng, lambda);
      if (t >= totalOp) {
        break;
      }
      long second = onANewDay(purchaseClock.calendarSecond(t), purchaseSeconds.get(purchaseSeconds.size() - 1), tally);
      if (second < 0) {
        break; // moved past the end of the period: not observed, like any later purchase
      }
      purchaseSeconds.add(second);
      if (rng.nextDouble() < p) {
        dropped = true;
        break;
      }
    }
    int repeats = purchaseSeconds.size() - 1;
    tally.purchases += purchaseSeconds.size();
    tally.repeats += repeats;
    tally.repeatsSquared += (long) repeats * repeats;
    if (repeats == 0) {
      tally.zeroRepeats++;
    }
    tally.expectedRepeatsNano += Tally.nano(BgNbd.expectedRepeats(truth.r(), truth.alpha(), truth.a(), truth.b(), totalOp - birthOp));
    if (dropped) {
      tally.droppedOut++;
    }
    tally.lambdaNano += Tally.nano(lambda);
    tally.dropoutNano += Tally.nano(p);

    // --- orders
    double nu = Sampling.gamma(rng, truth.spendQ(), truth.spendGamma());
    int favourite = catalog.favouriteCategory(rng);
    boolean business = !id.type().equals("B2C");
    List<Order> orders = new ArrayList<>(purchaseSeconds.size());
    int seq = 0;
    long netCents = 0;
    for (int k = 0; k < purchaseSeconds.size(); k++) {
      long second = purchaseSeconds.get(k);
      double value = Sampling.gamma(rng, truth.spendP(), nu);
      long cents = Math.max(1, Math.round(value * 100));
      tally.orderValueCents += cents;
      tally.orderValueCentsSquared += cents * cents;
      String channel = id.guest() ? "web" : CHANNELS[Sampling.weighted(rng, business ? CHANNEL_B2B : CHANNEL_B2C)];
      boolean beforeDropout = dropped && k == purchaseSeconds.size() - 1;
      Basket basket = basket(rng, favourite, cents, business);

      if (Sampling.chance(rng, truth.cancelRate())) {
        long cancelSecond = Math.max(0, second - 300 - rng.nextInt(7200));
        String cancelId = orderId(id, ++seq);
        for (int l = 0; l < basket.size(); l++) {
          transactionRow(out, id, cancelId, cancelSecond, basket, l, basket.qty[l], basket.discount[l], channel, "cancelled", rng);
        }
        tally.cancelledOrders++;
      }
      String orderId = orderId(id, ++seq);
      String status = second < endSecond - 5 * 86400L ? "delivered" : "shipped";
      // Returns are units bought on top of the kept basket (a second size, say) and sent back
      // within the period, with their share of the line's discount refunded: the order's net
      // amount stays z, the Gamma-Gamma value, which is what the CLV step's monetary value
      // (net amount per purchase day) measures.
      double returnRate = truth.returnLineRate() * (beforeDropout ? 1.6 : 1.0);
      int[] returnedQty = new int[basket.size()];
      long[] returnedDiscount = new long[basket.size()];
      long[] returnSecond = new long[basket.size()];
      boolean anyReturn = false;
      for (int l = 0; l < basket.size(); l++) {
        if (!Sampling.chance(rng, returnRate)) {
          continue;
        }
        long at = second + 3 * 86400L + rng.nextInt(27 * 86400);
        if (at >= endSecond) {
          continue; // a return the period would not see: the customer did not order the extra units
        }
        int q = basket.qty[l] == 1 ? 1 : 1 + rng.nextInt(basket.qty[l]);
        long lineDiscount = Math.round((double) basket.discount[l] * (basket.qty[l] + q) / basket.qty[l]);
        returnedQty[l] = q;
        returnedDiscount[l] = lineDiscount - basket.discount[l];
        returnSecond[l] = at;
        anyReturn = true;
      }
      for (int l = 0; l < basket.size(); l++) {
        transactionRow(out, id, orderId, second, basket, l, basket.qty[l] + returnedQty[l],
            basket.discount[l] + returnedDiscount[l], channel, status, rng);
        tally.orderLines++;
      }
      netCents += cents;
      for (int l = 0; l < basket.size(); l++) {
        if (returnedQty[l] > 0) {
          transactionRow(out, id, orderId, returnSecond[l], basket, l, -returnedQty[l], -returnedDiscount[l], channel,
              "returned", rng);
          tally.returnLines++;
        }
      }
      if (id.guest()) {
        tally.guestOrders++;
      }
      boolean isWeb = channel.equals("web");
      if (isWeb) {
        tally.webOrders++;
      }
      orders.add(new Order(orderId, second, isWeb, basket.category.clone(), basket.sku.clone(), anyReturn, beforeDropout));
    }

    // --- web traffic
    // browsing follows the seasonal clock: interest lasts about a month past the last purchase
    double birthSeasonal = season.operational(birthSecond);
    double lastSeasonal = season.operational(purchaseSeconds.get(purchaseSeconds.size() - 1));
    double activeUntil = dropped ? Math.min(totalSeasonal, lastSeasonal + Sampling.exponential(web, 1.0 / 30)) : totalSeasonal;
    int deviceCount = 1 + Math.min(3, Sampling.poisson(web, 0.5));
    Device[] devices = new Device[deviceCount];
    for (int k = 0; k < deviceCount; k++) {
      devices[k] = device(index, k, web, false);
    }
    long hits = webTraffic(out, id, devices, orders, birthSeasonal, activeUntil, lambda, web);
    hits += anonymousVisitor(out, index, web, misc);
    bots(out, web, hits, 0, endSecond);

    // --- contacts and surveys
    String[][] contactRows = contacts(out, id, birthSecond, netCents, misc);
    surveys(out, id, orders, misc);
    long interestEnds = dropped ? season.calendarSecond(activeUntil) : Long.MAX_VALUE;
    out.ended(index, new Ending(id, devices, !dropped, lambda, p, nu, favourite, seq, netCents, interestEnds,
        contactRows[0], contactRows[1]));
  }

  // ------------------------------------------------------------------ nightly arrivals

  /** Share of persons who change their newsletter consent in the newsletter tool on a given day. */
  private static final double CONSENT_CHANGE_PER_DAY = 0.002;
  /** Daily chance of an anonymous visit per slot: the 45 % of slots with 1.6 visits over two years. */
  private static final double ANONYMOUS_VISIT_PER_DAY = 0.45 * 1.6 / 730;

  /**
   * Continues a person past the generated period, day by day for days [0, toDay) of this
   * simulator's calendar, which starts where the period ended: BG/NBD purchases while alive
   * (one purchase a day at most, dropout after each with p), their web visits, returns and survey
   * answers, browsing while interested, ERP records updated with the revenue, consent changes in
   * the newsletter tool, anonymous and crawler traffic. Every day draws from its own streams, so a
   * day's rows come out the same whichever window of days the block keeps.
   *
   * @param activeUntil second (on this calendar) at which a dropped-out person stops browsing
   */
  void continueDays(int index, Ending e, long activeUntil, int toDay, Block out) {
    Identity id = e.id();
    boolean business = !id.type().equals("B2C");
    boolean alive = e.alive();
    int seq = e.orders();
    long netCents = e.netCents();
    String[] tool = e.toolRow() == null ? null : e.toolRow().clone();
    String[] erp = e.erpRow() == null ? null : e.erpRow().clone();
    long seed = settings.seed();
    double mood = 0.7 * Sampling.stream(seed, 63, index).nextGaussian();
    for (int day = 0; day < toDay; day++) {
      long purpose = 64L + 4L * day;
      SplittableRandom rng = Sampling.stream(seed, purpose, index);
      SplittableRandom web = Sampling.stream(seed, purpose + 1, index);
      SplittableRandom misc = Sampling.stream(seed, purpose + 3, index);
      out.beginPerson(Sampling.stream(seed, purpose + 2, index));
      long dayStart = purchaseClock.dayStart(day);
      long dayEnd = purchaseClock.dayStart(day + 1);
      Visitor v = new Visitor(out, "E" + id.number() + "-n" + day + "-", id.guest() ? null : id.customerId());
      if (alive) {
        double op0 = purchaseClock.operational(dayStart);
        double opLength = purchaseClock.operational(dayEnd) - op0;
        if (Sampling.chance(rng, 1 - Math.exp(-e.lambda() * opLength))) {
          long second = Math.min(dayEnd - 1, purchaseClock.calendarSecond(op0 + rng.nextDouble() * opLength));
          boolean dropsOut = rng.nextDouble() < e.p();
          Placed o = continuedOrder(out, id, e, business, seq + 1, second, dropsOut, rng);
          seq = o.number();
          netCents += o.cents();
          if (o.web()) {
            purchase(v, e.devices()[web.nextInt(e.devices().length)], o.order(), !id.guest() && Sampling.chance(web, 0.25),
                id.guest(), web);
          }
          continuedSurvey(out, id, o, mood, misc);
          if (erp != null) { // the ERP books the order within hours and exports the changed record
            long booked = second + 3600 + misc.nextInt(6 * 3600);
            erp[15] = clock.german(booked);
            erp[17] = moneyGerman(netCents);
            out.daily(Source.CONTACTS_DE, erp.clone(), booked);
          }
          if (dropsOut) {
            alive = false;
            activeUntil = second + (long) (Sampling.exponential(web, 1.0 / 30) * 86400);
          }
        }
      }
      if (alive || activeUntil > dayStart) {
        double s0 = season.operational(dayStart);
        double length = season.operational(dayEnd) - s0;
        int browsing = Sampling.poisson(web, (0.7 * e.lambda() + 0.003) * length);
        for (int i = 0; i < browsing; i++) {
          Device d = e.devices()[web.nextInt(e.devices().length)];
          browse(v, d, season.calendarSecond(s0 + web.nextDouble() * length), !id.guest() && Sampling.chance(web, 0.25), web);
        }
      }
      long hits = v.hits;
      if (Sampling.chance(web, ANONYMOUS_VISIT_PER_DAY)) {
        Visitor anonymous = new Visitor(out, "E" + pad(index + 1) + "-a-n" + day + "-", null);
        browse(anonymous, device(index, 0, web, true), dayStart + web.nextInt((int) (dayEnd - dayStart)), false, web);
        hits += anonymous.hits;
      }
      bots(out, web, hits, dayStart, dayEnd);
      if (tool != null && Sampling.chance(misc, CONSENT_CHANGE_PER_DAY)) {
        long at = dayStart + misc.nextInt((int) (dayEnd - dayStart));
        boolean optIn = !tool[12].equals("yes");
        tool[12] = optIn ? "yes" : "no";
        tool[13] = optIn ? clock.utcSeconds(at) : "";
        tool[15] = clock.utcSeconds(at);
        out.daily(Source.CONTACTS, tool.clone(), at);
      }
    }
  }

  /** An order of a continued day, its number (the person's order count so far) and its worth net of returns. */
  private record Placed(Order order, int number, long cents) {
    boolean web() {
      return order.web();
    }
  }

  /**
   * Renders one order of a continued day as the period's orders are rendered (maybe a cancelled
   * attempt first, returned units bought on top and sent back 3-30 days later), but as "shipped":
   * a nightly export sees orders before their delivery.
   */
  private Placed continuedOrder(Block out, Identity id, Ending e, boolean business, int seq, long second,
      boolean beforeDropout, SplittableRandom rng) {
    long cents = Math.max(1, Math.round(Sampling.gamma(rng, truth.spendP(), e.nu()) * 100));
    String channel = id.guest() ? "web" : CHANNELS[Sampling.weighted(rng, business ? CHANNEL_B2B : CHANNEL_B2C)];
    Basket basket = basket(rng, e.favourite(), cents, business);
    int number = seq;
    if (Sampling.chance(rng, truth.cancelRate())) {
      long cancelSecond = Math.max(0, second - 300 - rng.nextInt(7200));
      String cancelId = orderId(id, number++);
      for (int l = 0; l < basket.size(); l++) {
        transactionRow(out, id, cancelId, cancelSecond, basket, l, basket.qty[l], basket.discount[l], channel, "cancelled", rng);
      }
    }
    String orderId = orderId(id, number);
    double returnRate = truth.returnLineRate() * (beforeDropout ? 1.6 : 1.0);
    boolean anyReturn = false;
    int[] returnedQty = new int[basket.size()];
    long[] returnedDiscount = new long[basket.size()];
    long[] returnSecond = new long[basket.size()];
    for (int l = 0; l < basket.size(); l++) {
      if (!Sampling.chance(rng, returnRate)) {
        continue;
      }
      int q = basket.qty[l] == 1 ? 1 : 1 + rng.nextInt(basket.qty[l]);
      returnedQty[l] = q;
      returnedDiscount[l] = Math.round((double) basket.discount[l] * (basket.qty[l] + q) / basket.qty[l]) - basket.discount[l];
      returnSecond[l] = second + 3 * 86400L + rng.nextInt(27 * 86400);
      anyReturn = true;
    }
    for (int l = 0; l < basket.size(); l++) {
      transactionRow(out, id, orderId, second, basket, l, basket.qty[l] + returnedQty[l],
          basket.discount[l] + returnedDiscount[l], channel, "shipped", rng);
    }
    for (int l = 0; l < basket.size(); l++) {
      if (returnedQty[l] > 0) {
        transactionRow(out, id, orderId, returnSecond[l], basket, l, -returnedQty[l], -returnedDiscount[l], channel,
            "returned", rng);
      }
    }
    Order o = new Order(orderId, second, channel.equals("web"), basket.category.clone(), basket.sku.clone(), anyReturn,
        beforeDropout);
    return new Placed(o, number, cents);
  }

  /** A survey answer 2-9 days after a continued order, with the person's lasting mood. */
  private void continuedSurvey(Block out, Identity id, Placed placed, double base, SplittableRandom misc) {
    Order o = placed.order();
    String touchpoint = surveyTouchpoint(o, id, misc);
    if (touchpoint == null) {
      return;
    }
    long s = o.second() + 2 * 86400L + (long) (misc.nextDouble() * 7 * 86400);
    double shift = o.beforeDropout() ? -1.6 : 0.0;
    int csat = (int) Math.max(1, Math.min(5, Math.round(4.0 + base + shift + 0.8 * misc.nextGaussian())));
    int nps = (int) Math.max(0, Math.min(10, Math.round(7.6 + 1.8 * (base + shift) + 1.2 * misc.nextGaussian())));
    boolean german = id.country().iso().equals("DE") || id.country().iso().equals("AT") || id.country().iso().equals("CH");
    String comment = surveyComment(csat, german, misc);
    String email = id.guest() || misc.nextInt(10) < 3 ? id.email() : "";
    out.daily(Source.SURVEYS, new String[] {
      "S" + id.number() + "-o" + placed.number(), id.customerId(), email,
      clock.localMinute(s), touchpoint, Integer.toString(csat), Integer.toString(nps), comment
    }, s);
  }

  // ------------------------------------------------------------------ identity

  private Identity identity(int index, SplittableRandom rng) {
    String number = pad(index + 1);
    boolean guest = Sampling.chance(rng, truth.guestShare());
    String type = "B2C";
    if (!guest) {
      double u = rng.nextDouble();
      type = u < truth.b2gShare() ? "B2G" : u < truth.b2gShare() + truth.b2bShare() ? "B2B" : "B2C";
    }
    People.Country country = People.country(rng);
    String[] place = country.cities()[rng.nextInt(country.cities().length)];
    String first = Sampling.pick(rng, People.FIRST);
    String last = Sampling.pick(rng, People.LAST);
    String street = Sampling.pick(rng, People.STREETS) + " " + (1 + rng.nextInt(180));
    String company = "";
    String domain;
    switch (type) {
      case "B2B" -> {
        String trade = Sampling.pick(rng, People.COMPANY_TRADE);
        company = trade + " " + Sampling.pick(rng, People.LAST) + " " + Sampling.pick(rng, People.COMPANY_SUFFIX);
        domain = People.ascii(trade + "-" + last) + "." + country.iso().toLowerCase(Locale.ROOT);
      }
      case "B2G" -> {
        String authority = Sampling.pick(rng, People.AUTHORITY);
        company = authority + " " + place[0];
        domain = People.ascii(place[0]) + "." + country.iso().toLowerCase(Locale.ROOT);
      }
      default -> domain = Sampling.pick(rng, People.PRIVATE_DOMAINS);
    }
    // The index makes every address unique: letters, then the digits of the index.
    String f = People.ascii(first);
    String l = People.ascii(last);
    String local = switch (rng.nextInt(4)) {
      case 0 -> f + "." + l;
      case 1 -> f.charAt(0) + "." + l;
      case 2 -> f + l;
      default -> l + "." + f;
    };
    String email = local + (index + 1) + "@" + domain;
    return new Identity(number, guest ? "" : "C" + number, email, first, last, company, type, country,
        place[0], place[1], street, guest);
  }

  private String pad(long n) {
    String s = Long.toString(n);
    return "0".repeat(Math.max(0, idWidth - s.length())) + s;
  }

  private static String orderId(Identity id, int seq) {
    return "O" + id.number() + "-" + seq;
  }

  // ------------------------------------------------------------------ baskets

  /** Lines of one order whose net total is exactly the Gamma-Gamma order value. */
  private static final class Basket {
    final int[] category;
    final int[] sku;
    final int[] qty;
    final long[] unit;
    final long[] discount;

    Basket(int n) {
      category = new int[n];
      sku = new int[n];
      qty = new int[n];
      unit = new long[n];
      discount = new long[n];
    }

    int size() {
      return sku.length;
    }
  }

  private Basket basket(SplittableRandom rng, int favourite, long cents, boolean business) {
    int n = Math.min(5, 1 + Sampling.poisson(rng, 0.7));
    Basket b = new Basket(n);
    int category = Sampling.chance(rng, 0.6) ? favourite : catalog.favouriteCategory(rng);
    double[] share = new double[n];
    double shareSum = 0;
    for (int l = 0; l < n; l++) {
      if (l > 0) {
        category = catalog.nextCategory(rng, b.category[l - 1]);
      }
      int sku = catalog.popularSku(rng);
      for (int tries = 0; tries < 8 && contains(b, l, category, sku); tries++) {
        sku = (sku + 1 + rng.nextInt(Catalog.SKUS_PER_CATEGORY - 1)) % Catalog.SKUS_PER_CATEGORY;
      }
      if (contains(b, l, category, sku)) { // give up on this line: shorten the basket
        Basket shorter = new Basket(l);
        copy(b, shorter, l);
        b = shorter;
        n = l;
        break;
      }
      b.category[l] = category;
      b.sku[l] = sku;
      share[l] = Sampling.exponential(rng, 1.0);
      shareSum += share[l];
    }
    long gross = 0;
    for (int l = 0; l < n; l++) {
      long budget = Math.round(cents * share[l] / shareSum);
      long price = catalog.priceCents[b.category[l]][b.sku[l]];
      if (price > budget * 2 && budget > 0) {
        int cheap = catalog.cheapestSku(b.category[l]);
        if (!contains(b, n, b.category[l], cheap)) {
          b.sku[l] = cheap;
          price = catalog.priceCents[b.category[l]][cheap];
        }
      }
      int cap = business ? 200 : 20;
      b.unit[l] = price;
      b.qty[l] = (int) Math.max(1, Math.min(cap, Math.round((double) budget / price)));
      gross += b.qty[l] * price;
    }
    if (gross < cents) { // top up the cheapest line until the gross covers the order value
      int cheapest = 0;
      for (int l = 1; l < n; l++) {
        if (b.unit[l] < b.unit[cheapest]) {
          cheapest = l;
        }
      }
      long more = (cents - gross + b.unit[cheapest] - 1) / b.unit[cheapest];
      b.qty[cheapest] += (int) more;
      gross += more * b.unit[cheapest];
    }
    long discount = gross - cents; // the rest is a discount, spread over the lines by their gross
    long left = discount;
    for (int l = n - 1; l >= 0; l--) {
      long lineGross = b.qty[l] * b.unit[l];
      long d = l == 0 ? left : Math.min(left, Math.round((double) discount * lineGross / gross));
      d = Math.min(d, lineGross);
      b.discount[l] = d;
      left -= d;
    }
    if (left > 0) { // rounding left something over: put it wherever it fits
      for (int l = 0; l < n && left > 0; l++) {
        long room = b.qty[l] * b.unit[l] - b.discount[l];
        long d = Math.min(room, left);
        b.discount[l] += d;
        left -= d;
      }
    }
    return b;
  }

  private static boolean contains(Basket b, int upTo, int category, int sku) {
    for (int l = 0; l < upTo; l++) {
      if (b.category[l] == category && b.sku[l] == sku) {
        return true;
      }
    }
    return false;
  }

  private static void copy(Basket from, Basket to, int n) {
    System.arraycopy(from.category, 0, to.category, 0, n);
    System.arraycopy(from.sku, 0, to.sku, 0, n);
  }

  private void transactionRow(Block out, Identity id, String orderId, long second, Basket b, int l, int qty,
      long discount, String channel, String status, SplittableRandom rng) {
    String email = id.guest() || rng.nextInt(10) < 7 ? id.email() : "";
    long amount = qty * b.unit[l] - discount;
    out.transaction(new String[] {
      orderId, clock.iso(second), id.customerId(), email, catalog.sku[b.category[l]][b.sku[l]],
      catalog.name[b.category[l]][b.sku[l]], Catalog.CATEGORIES[b.category[l]], Integer.toString(qty),
      money(b.unit[l], '.'), money(discount, '.'), money(amount, '.'), "EUR", channel, id.country().iso(), status
    }, second);
  }

  /** Cents as text with two decimals and the given decimal mark, e.g. -12.30. */
  static String money(long cents, char decimal) {
    StringBuilder sb = new StringBuilder(12);
    if (cents < 0) {
      sb.append('-');
      cents = -cents;
    }
    sb.append(cents / 100).append(decimal);
    long c = cents % 100;
    sb.append((char) ('0' + c / 10)).append((char) ('0' + c % 10));
    return sb.toString();
  }

  /** German money: thousands dot, decimal comma, e.g. 1.234,56. */
  static String moneyGerman(long cents) {
    String plain = money(Math.abs(cents), ',');
    int comma = plain.indexOf(',');
    StringBuilder sb = new StringBuilder(plain.length() + 4);
    if (cents < 0) {
      sb.append('-');
    }
    for (int i = 0; i < comma; i++) {
      if (i > 0 && (comma - i) % 3 == 0) {
        sb.append('.');
      }
      sb.append(plain.charAt(i));
    }
    return sb.append(plain, comma, plain.length()).toString();
  }

  // ------------------------------------------------------------------ web

  private Device device(int index, int k, SplittableRandom web, boolean prospect) {
    long h = Sampling.mix(Sampling.mix(settings.seed() ^ 0x5DEECE66DL) + index * 8L + k + (prospect ? 4 : 0));
    String cookie = String.format(Locale.ROOT, "%016x", h);
    String ip = ISP_NET[web.nextInt(ISP_NET.length)] + "." + (1 + web.nextInt(254)) + "." + web.nextInt(256) + "." + (1 + web.nextInt(254));
    return new Device(cookie, ip, Sampling.pick(web, HUMAN_AGENTS), Sampling.chance(web, truth.trackerBlockedShare()));
  }

  /** Visits of a customer: before the first order, for web orders, and browsing while interested. */
  private long webTraffic(Block out, Identity id, Device[] devices, List<Order> orders, double birthSeasonal,
      double activeUntil, double lambda, SplittableRandom web) {
    int deviceCount = devices.length;
    Visitor v = new Visitor(out, "E" + id.number() + "-", id.guest() ? null : id.customerId());
    long birth = season.calendarSecond(birthSeasonal);
    int before = Sampling.poisson(web, 1.2);
    for (int i = 0; i < before; i++) {
      long s = birth - 3600 - (long) (web.nextDouble() * 21 * 86400);
      browse(v, devices[0], s, false, web);
    }
    for (Order o : orders) {
      if (o.web()) {
        Device d = devices[web.nextInt(deviceCount)];
        purchase(v, d, o, !id.guest() && Sampling.chance(web, 0.25), id.guest(), web);
      }
    }
    double rate = 0.7 * lambda + 0.003;
    int browsing = Sampling.poisson(web, rate * Math.max(0, activeUntil - birthSeasonal));
    for (int i = 0; i < browsing; i++) {
      double op = birthSeasonal + web.nextDouble() * (activeUntil - birthSeasonal);
      Device d = devices[web.nextInt(deviceCount)];
      boolean remembered = !id.guest() && Sampling.chance(web, 0.25);
      browse(v, d, season.calendarSecond(op), remembered, web);
    }
    out.tally.humanHits += v.hits;
    out.tally.visits += v.visits;
    out.tally.events += v.events;
    return v.hits;
  }

  /** Someone who looks around without buying; one in eight subscribes to the newsletter. */
  private long anonymousVisitor(Block out, int index, SplittableRandom web, SplittableRandom misc) {
    if (!Sampling.chance(web, 0.45)) {
      return 0;
    }
    out.tally.anonymousVisitors++;
    Device d = device(index, 0, web, true);
    Visitor v = new Visitor(out, "E" + pad(index + 1) + "-a", null);
    int n = 1 + Sampling.poisson(web, 0.6);
    boolean signup = Sampling.chance(web, 0.12);
    for (int i = 0; i < n; i++) {
      long s = season.calendarSecond(web.nextDouble() * totalSeasonal);
      if (signup && i == 0) {
        newsletterVisit(v, d, s, web);
        prospectContact(out, index, s, misc);
      } else {
        browse(v, d, s, false, web);
      }
    }
    out.tally.humanHits += v.hits;
    out.tally.visits += v.visits;
    out.tally.events += v.events;
    return v.hits;
  }

  /** Crawler bursts attached to the slot: on average botHitsPerHumanHit per human hit. */
  private void bots(Block out, SplittableRandom web, long humanHits, long from, long to) {
    int remaining = Sampling.poisson(web, truth.botHitsPerHumanHit() * humanHits);
    while (remaining > 0) {
      int n = Math.min(remaining, 1 + web.nextInt(25));
      remaining -= n;
      int bot = web.nextInt(BOT_AGENTS.length);
      String ip = BOT_NET[bot] + "." + web.nextInt(256) + "." + web.nextInt(256) + "." + (1 + web.nextInt(254));
      long s = from + (long) (web.nextDouble() * (to - from - 3600));
      for (int i = 0; i < n && s < to; i++) {
        String url;
        if (i == 0) {
          url = "/robots.txt";
        } else {
          int kind = web.nextInt(10);
          int c = web.nextInt(catalog.categories());
          url = kind < 6 ? "/p/" + catalog.sku[c][web.nextInt(Catalog.SKUS_PER_CATEGORY)]
              : kind < 8 ? "/c/" + Catalog.CATEGORIES[c] : kind < 9 ? "/sitemap.xml" : "/";
        }
        int status = web.nextInt(50) == 0 ? 404 : 200;
        out.logHit(ip, s, "GET", url, status, status == 404 ? 1520 : 2000 + web.nextInt(60000), null, BOT_AGENTS[bot], null);
        out.tally.botHits++;
        s += 1 + web.nextInt(6);
      }
    }
  }

  /** One page request of a visit, and what the tracker reports for it. */
  private record Page(String method, String url, int status, String event, String sku, String orderId) {}

  /** Renders visits; knows the person's event-id prefix and user id. */
  private final class Visitor {
    final Block out;
    final String eventPrefix;
    final String userId;
    int eventSeq;
    long hits;
    long visits;
    long events;

    Visitor(Block out, String eventPrefix, String userId) {
      this.out = out;
      this.eventPrefix = eventPrefix;
      this.userId = userId;
    }

    /** Writes the pages at the given seconds; the user id shows from the page index loggedInFrom on. */
    void render(Device d, List<Page> pages, long[] seconds, int loggedInFrom, String externalReferrer, String[] utm) {
      visits++;
      String referrer = externalReferrer;
      boolean landing = true;
      for (int i = 0; i < pages.size(); i++) {
        long s = seconds[i];
        if (s < 0 || s >= endSecond) {
          continue;
        }
        Page p = pages.get(i);
        String url = p.url();
        if (landing && utm != null) {
          url = url + (url.contains("?") ? "&" : "?") + "utm_source=" + utm[0] + "&utm_medium=" + utm[1] + "&utm_campaign=" + utm[2];
        }
        int bytes = p.status() == 302 || p.status() == 304 ? 0 : p.status() == 404 ? 1520 : 8000 + (int) ((s * 7919 + i * 104729) % 52000);
        out.logHit(d.ip(), s, p.method(), url, p.status(), bytes, referrer, d.agent(), d.cookie());
        hits++;
        if (!d.blocksTracker() && p.event() != null) {
          String user = userId != null && loggedInFrom >= 0 && i >= loggedInFrom ? userId : null;
          int millis = (int) ((s * 31 + i * 17) % 1000);
          if (p.method().equals("GET")) {
            emit(d, s, millis, user, "page_view", url, referrer, landing ? utm : null, null, null);
          }
          if (!p.event().equals("page_view")) {
            emit(d, s, Math.min(999, millis + 1), user, p.event(), url, referrer, null, p.orderId(), p.sku());
          }
        }
        referrer = HOST + url;
        landing = false;
      }
    }

    private void emit(Device d, long s, int millis, String user, String event, String url, String referrer,
        String[] utm, String orderId, String sku) {
      out.event(eventPrefix + (++eventSeq), s, millis, d.cookie(), user, event, HOST + url, referrer, utm,
          d.agent(), d.ip(), orderId, sku);
      events++;
    }
  }

  /** Where a visit comes from: [referrer or null, utm triple or null]. */
  private Object[] trafficSource(SplittableRandom web, long second) {
    int u = web.nextInt(100);
    if (u < 30) {
      return new Object[] {null, null};
    }
    if (u < 60) {
      return new Object[] {"https://www.google.de/", null};
    }
    if (u < 72) {
      return new Object[] {"https://www.google.de/", new String[] {"google", "cpc", "brand"}};
    }
    if (u < 84) {
      return new Object[] {null, new String[] {"newsletter", "email", "nl-" + clock.monthLabel(clock.month(second))}};
    }
    if (u < 92) {
      return new Object[] {"https://www.instagram.com/", new String[] {"instagram", "social", "season"}};
    }
    return new Object[] {"https://www.idealo.de/", new String[] {"idealo", "affiliate", "feed"}};
  }

  private String randomPage(SplittableRandom web) {
    int c = web.nextInt(catalog.categories());
    int kind = web.nextInt(20);
    if (kind < 11) {
      return "/p/" + catalog.sku[c][catalog.popularSku(web)];
    }
    if (kind < 16) {
      return "/c/" + Catalog.CATEGORIES[c];
    }
    if (kind < 18) {
      return "/search?q=" + Sampling.pick(web, SEARCH_TERMS);
    }
    if (kind < 19) {
      return "/";
    }
    return "/p/SKU-9" + (100 + web.nextInt(900)); // discontinued product: 404
  }

  private static Page get(String url) {
    if (url.startsWith("/p/SKU-9")) {
      return new Page("GET", url, 404, "page_view", null, null);
    }
    if (url.startsWith("/p/")) {
      return new Page("GET", url, 200, "product_view", url.substring(3), null);
    }
    return new Page("GET", url, 200, "page_view", null, null);
  }

  private void browse(Visitor v, Device d, long start, boolean remembered, SplittableRandom web) {
    List<Page> pages = new ArrayList<>();
    int landing = web.nextInt(100);
    pages.add(get(landing < 35 ? "/" : landing < 70 ? "/c/" + Catalog.CATEGORIES[web.nextInt(catalog.categories())] : randomPage(web)));
    int more = Sampling.poisson(web, 1.6);
    int loggedInFrom = remembered ? 0 : -1;
    if (!remembered && v.userId != null && Sampling.chance(web, 0.1)) {
      pages.add(get("/login"));
      pages.add(new Page("POST", "/login", 302, "login", null, null));
      pages.add(get("/account"));
      loggedInFrom = pages.size() - 2;
    }
    for (int i = 0; i < more; i++) {
      Page p = get(randomPage(web));
      pages.add(p);
      if (p.sku() != null && Sampling.chance(web, 0.12)) {
        pages.add(new Page("POST", "/cart/add?sku=" + p.sku(), 302, "add_to_cart", p.sku(), null));
        pages.add(get("/cart"));
      }
    }
    long[] seconds = new long[pages.size()];
    seconds[0] = start;
    for (int i = 1; i < seconds.length; i++) {
      seconds[i] = seconds[i - 1] + gap(web);
    }
    Object[] src = trafficSource(web, Math.max(0, start));
    v.render(d, pages, seconds, loggedInFrom, (String) src[0], (String[]) src[1]);
  }

  private void purchase(Visitor v, Device d, Order o, boolean remembered, boolean guest, SplittableRandom web) {
    List<Page> pages = new ArrayList<>();
    pages.add(get(web.nextBoolean() ? "/" : "/c/" + Catalog.CATEGORIES[o.categories()[0]]));
    int loggedInFrom = remembered ? 0 : -1;
    if (!remembered && !guest) {
      pages.add(get("/login"));
      pages.add(new Page("POST", "/login", 302, "login", null, null));
      loggedInFrom = pages.size() - 1;
    }
    for (int l = 0; l < o.skus().length; l++) {
      String sku = catalog.sku[o.categories()[l]][o.skus()[l]];
      pages.add(new Page("GET", "/p/" + sku, 200, "product_view", sku, null));
      pages.add(new Page("POST", "/cart/add?sku=" + sku, 302, "add_to_cart", sku, null));
    }
    pages.add(get("/cart"));
    pages.add(new Page("GET", "/checkout", 200, "checkout", null, null));
    pages.add(new Page("POST", "/checkout/submit", 302, null, null, null));
    pages.add(new Page("GET", "/checkout/confirmation?order_id=" + o.id(), 200, "purchase", null, o.id()));
    long[] seconds = new long[pages.size()];
    seconds[seconds.length - 1] = o.second();
    for (int i = seconds.length - 2; i >= 0; i--) {
      seconds[i] = seconds[i + 1] - gap(web);
    }
    Object[] src = trafficSource(web, Math.max(0, seconds[0]));
    v.render(d, pages, seconds, loggedInFrom, (String) src[0], (String[]) src[1]);
  }

  private void newsletterVisit(Visitor v, Device d, long start, SplittableRandom web) {
    List<Page> pages = List.of(get("/"), get("/newsletter"),
        new Page("POST", "/newsletter/subscribe", 302, "newsletter_signup", null, null), get("/newsletter/thanks"));
    long[] seconds = new long[pages.size()];
    seconds[0] = start;
    for (int i = 1; i < seconds.length; i++) {
      seconds[i] = seconds[i - 1] + gap(web);
    }
    Object[] src = trafficSource(web, Math.max(0, start));
    v.render(d, pages, seconds, -1, (String) src[0], (String[]) src[1]);
  }

  /** Seconds between two page requests: at least two, mostly under two minutes. */
  private static long gap(SplittableRandom web) {
    return 2 + (long) Sampling.exponential(web, 1.0 / 45);
  }

  // ------------------------------------------------------------------ contacts

  /** Writes the person's contact rows; returns the last row in the newsletter tool and in the ERP (or null). */
  private String[][] contacts(Block out, Identity id, long birthSecond, long netCents, SplittableRandom misc) {
    String[] toolRow = null;
    String[] erpRow = null;
    boolean optIn = Sampling.chance(misc, truth.newsletterOptInShare());
    long created = Math.max(0, birthSecond - (long) (misc.nextDouble() * 30 * 86400));
    long optInAt = Math.min(endSecond - 1, birthSecond + (long) (misc.nextDouble() * 20 * 86400));
    long updated = created + (long) (misc.nextDouble() * (endSecond - 1 - created));
    String phone = misc.nextInt(10) < 7 ? People.phone(misc, id.country()) : "";
    boolean inTool = id.guest() ? optIn && Sampling.chance(misc, 0.6) : Sampling.chance(misc, 0.92);
    if (inTool) {
      if (optIn) {
        out.tally.newsletterOptIns++;
      }
      String source = id.guest() ? "checkout" : Sampling.pick(misc, new String[] {"webshop", "checkout", "store", "import", "partner"});
      String customerNumber = id.guest() || Sampling.chance(misc, 0.05) ? "" : id.customerId();
      String email = messyEmail(out, id.email(), misc);
      String country = Sampling.pick(misc, id.country().spellings());
      toolRow = new String[] {
        "NL-" + id.number() + "-1", customerNumber, email, id.first(), id.last(), id.company(), id.type(), id.street(),
        id.postalCode(), id.city(), country, phone, optIn ? "yes" : "no", optIn ? clock.utcSeconds(optInAt) : "",
        clock.utcSeconds(created), clock.utcSeconds(updated), source
      };
      out.contact(toolRow);
      if (Sampling.chance(misc, truth.contactDuplicateRate())) {
        // the same person again, entered later (other casing, maybe a changed consent)
        out.tally.contactDuplicatePersons++;
        long created2 = created + (long) (misc.nextDouble() * (endSecond - 1 - created));
        boolean optIn2 = optIn ? Sampling.chance(misc, 0.7) : Sampling.chance(misc, 0.3);
        String email2 = Sampling.chance(misc, 0.5) ? id.email().toUpperCase(Locale.ROOT) : " " + id.email();
        out.contact(new String[] {
          "NL-" + id.number() + "-2", "", email2, id.first(), id.last(), id.company(), id.type(), id.street(),
          id.postalCode(), id.city(), Sampling.pick(misc, id.country().spellings()), phone, optIn2 ? "yes" : "no",
          optIn2 ? clock.utcSeconds(Math.max(created2, optInAt)) : "", clock.utcSeconds(created2),
          clock.utcSeconds(created2), "import"
        });
        if (optIn2) {
          out.tally.newsletterOptIns++;
        }
      }
    }
    String iso = id.country().iso();
    if (!id.guest() && (iso.equals("DE") || iso.equals("AT") || iso.equals("CH"))) {
      // the ERP knows every registered customer of the German-speaking shops
      boolean optInErp = Sampling.chance(misc, 0.9) ? optIn : !optIn;
      String email = Sampling.chance(misc, 0.03) ? capitalised(id.email()) : id.email();
      String[] row = {
        "K" + id.number(), id.customerId(), email, id.first(), id.last(), id.company(), id.type(), id.street(),
        id.postalCode(), id.city(), id.country().german(), phone, optInErp ? "ja" : "nein",
        optInErp ? clock.german(optInAt) : "", clock.german(created), clock.german(updated),
        Sampling.pick(misc, new String[] {"Webshop", "Filiale", "Telefon", "Messe"}), moneyGerman(netCents)
      };
      out.contactDe(row);
      erpRow = row;
      if (Sampling.chance(misc, 0.02)) {
        out.tally.contactDuplicatePersons++;
        String[] dup = row.clone();
        dup[0] = "K" + id.number() + "D";
        dup[2] = id.email().toUpperCase(Locale.ROOT);
        dup[15] = clock.german(updated + (long) (misc.nextDouble() * (endSecond - 1 - updated)));
        out.contactDe(dup);
      }
    }
    return new String[][] {toolRow, erpRow};
  }

  private void prospectContact(Block out, int index, long signup, SplittableRandom misc) {
    People.Country country = People.country(misc);
    String first = Sampling.pick(misc, People.FIRST);
    String last = Sampling.pick(misc, People.LAST);
    String email = People.ascii(first) + "." + People.ascii(last) + "_" + (index + 1) + "@" + Sampling.pick(misc, People.PRIVATE_DOMAINS);
    long s = Math.max(0, Math.min(endSecond - 1, signup));
    out.tally.newsletterOptIns++;
    out.contact(new String[] {
      "NL-" + pad(index + 1) + "-P", "", messyEmail(out, email, misc), Sampling.chance(misc, 0.5) ? first : "",
      "", "", "", "", "", "", Sampling.pick(misc, country.spellings()), "", "yes", clock.utcSeconds(s),
      clock.utcSeconds(s), clock.utcSeconds(s), "newsletter_form"
    });
  }

  /** Mixed case, padding, or an address that cannot be valid, as newsletter tools collect them. */
  private static String messyEmail(Block out, String email, SplittableRandom misc) {
    int u = misc.nextInt(100);
    if (u < 10) {
      return capitalised(email);
    }
    if (u < 15) {
      return (misc.nextBoolean() ? "  " : " ") + email + (misc.nextBoolean() ? " " : "");
    }
    if (u < 17) {
      out.tally.invalidEmails++;
      int at = email.indexOf('@');
      return switch (misc.nextInt(4)) {
        case 0 -> email.substring(0, at) + email.substring(at + 1);          // no @
        case 1 -> email.substring(0, email.lastIndexOf('.'));                  // no top-level domain
        case 2 -> email.substring(0, at) + "@@" + email.substring(at + 1);   // double @
        default -> "n/a";
      };
    }
    return email;
  }

  private static String capitalised(String email) {
    StringBuilder sb = new StringBuilder(email.length());
    boolean upper = true;
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      sb.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '.' || c == '@';
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ surveys

  /** Whether an order gets a survey, and at which touchpoint (null: none); returns are asked more often. */
  private String surveyTouchpoint(Order o, Identity id, SplittableRandom misc) {
    if (o.returned() && Sampling.chance(misc, 0.4)) {
      return "service";
    }
    if (Sampling.chance(misc, truth.surveyRate())) {
      return !id.type().equals("B2C") && misc.nextBoolean() ? "sales" : "delivery";
    }
    return null;
  }

  /** A free-text comment for about a third of the answers, in the customer's language and mood. */
  private static String surveyComment(int csat, boolean german, SplittableRandom misc) {
    if (!Sampling.chance(misc, 0.35)) {
      return "";
    }
    String[] pool = csat >= 4 ? (german ? DE_POSITIVE : EN_POSITIVE) : csat == 3 ? (german ? DE_NEUTRAL : EN_NEUTRAL)
        : (german ? DE_NEGATIVE : EN_NEGATIVE);
    return Sampling.pick(misc, pool);
  }

  private void surveys(Block out, Identity id, List<Order> orders, SplittableRandom misc) {
    double base = 0.7 * misc.nextGaussian();
    boolean german = switch (id.country().iso()) {
      case "DE", "AT", "CH" -> misc.nextInt(100) < 85;
      default -> misc.nextInt(100) < 10;
    };
    int k = 0;
    for (Order o : orders) {
      String touchpoint = surveyTouchpoint(o, id, misc);
      if (touchpoint == null) {
        continue;
      }
      long s = o.second() + 2 * 86400L + (long) (misc.nextDouble() * 7 * 86400);
      if (s >= endSecond) {
        continue;
      }
      // customers about to drop out answer worse: that is the signal a churn model can pick up
      double shift = o.beforeDropout() ? -1.6 : 0.0;
      double mood = base + shift + 0.8 * misc.nextGaussian();
      int csat = (int) Math.max(1, Math.min(5, Math.round(4.0 + mood)));
      int nps = (int) Math.max(0, Math.min(10, Math.round(7.6 + 1.8 * (base + shift) + 1.2 * misc.nextGaussian())));
      String comment = surveyComment(csat, german, misc);
      String email = id.guest() || misc.nextInt(10) < 3 ? id.email() : "";
      out.survey(new String[] {
        "S" + id.number() + "-" + (++k), id.customerId(), email, clock.localMinute(s), touchpoint,
        Integer.toString(csat), Integer.toString(nps), comment
      });
      out.tally.surveys++;
      if (o.beforeDropout()) {
        out.tally.surveysBeforeDropout++;
        out.tally.csatBeforeDropout += csat;
      } else {
        out.tally.csatOther += csat;
      }
    }
  }
}
