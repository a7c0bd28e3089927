package io.crm.generator;

import java.util.SplittableRandom;

/**
 * Names, places and contact details. German names and cities carry umlauts and ß on purpose:
 * the German export must survive Windows-1252. Every character here exists in Windows-1252.
 */
final class People {
  private People() {}

  static final String[] FIRST = {
    "Jürgen", "Jörg", "Björn", "Sören", "Käthe", "Bärbel", "Günther", "Anna", "Lena", "Lukas", "Jonas",
    "Leon", "Mia", "Sophie", "Marie", "Paul", "Felix", "Maximilian", "Hannah", "Emma", "Thomas", "Andreas",
    "Stefan", "Sabine", "Ursula", "Monika", "Petra", "Michael", "Wolfgang", "Klaus", "Zoë", "René", "Aylin",
    "Mehmet", "Elif", "Olga", "Piotr", "Sarah", "David", "Laura", "Julia", "Tobias", "Matthias", "Katharina",
    "Christoph", "Gisela", "Hans-Peter", "Anne-Kathrin", "Frédéric", "Chloé", "James", "Oliver", "Emily", "Noah"
  };
  static final String[] LAST = {
    "Müller", "Schäfer", "Schröder", "Köhler", "Krüger", "Weiß", "Groß", "Hoffmann", "Schmidt", "Meyer",
    "Wagner", "Becker", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Schulz",
    "Köster", "Jäger", "Böhm", "Dietrich", "Brandt", "Günther", "Öztürk", "Nowak", "Kowalski", "Dubois",
    "Smith", "Jones", "Fischer", "Weber", "Schneider", "Vogel", "Fuchs", "Sommer", "Hübner", "Löffler",
    "Strauß", "Baumgärtner", "van der Berg", "Peters", "Roth", "Frank", "Graf", "Ludwig", "Seidel", "Kühn"
  };
  static final String[] STREETS = {
    "Hauptstraße", "Bahnhofstraße", "Schloßallee", "Gartenweg", "Lindenstraße", "Königsallee", "Mühlenweg",
    "Am Rosengärtchen", "Dorfstraße", "Kirchplatz", "Goethestraße", "Schillerstraße", "Marktplatz",
    "Birkenweg", "Bergstraße", "Friedrichstraße", "Am Bächle", "Uferstraße", "Tannenhöhe", "Grüner Weg"
  };

  /** ISO code, ERP name, newsletter-tool spellings, share of customers, cities with postal codes. */
  record Country(String iso, String german, String[] spellings, double share, String[][] cities, String phonePrefix) {}

  static final Country[] COUNTRIES = {
    new Country("DE", "Deutschland", new String[] {"DE", "Germany", "Deutschland", "de", "DEU"}, 0.70, new String[][] {
      {"Berlin", "10115"}, {"München", "80331"}, {"Köln", "50667"}, {"Düsseldorf", "40213"}, {"Nürnberg", "90402"},
      {"Lübeck", "23552"}, {"Würzburg", "97070"}, {"Göttingen", "37073"}, {"Saarbrücken", "66111"},
      {"Mönchengladbach", "41061"}, {"Osnabrück", "49074"}, {"Tübingen", "72070"}, {"Hamburg", "20095"},
      {"Frankfurt am Main", "60311"}, {"Stuttgart", "70173"}, {"Dresden", "01067"}, {"Leipzig", "04109"},
      {"Gütersloh", "33330"}, {"Fürth", "90762"}, {"Bad Tölz", "83646"}}, "+49"),
    new Country("AT", "Österreich", new String[] {"AT", "Austria", "Österreich", "at"}, 0.10, new String[][] {
      {"Wien", "1010"}, {"Graz", "8010"}, {"Linz", "4020"}, {"Salzburg", "5020"}, {"Innsbruck", "6020"},
      {"Klagenfurt am Wörthersee", "9020"}, {"Sankt Pölten", "3100"}}, "+43"),
    new Country("CH", "Schweiz", new String[] {"CH", "Switzerland", "Schweiz", "ch"}, 0.08, new String[][] {
      {"Zürich", "8001"}, {"Genève", "1201"}, {"Basel", "4051"}, {"Bern", "3011"}, {"Luzern", "6003"},
      {"Neuchâtel", "2000"}}, "+41"),
    new Country("NL", "Niederlande", new String[] {"NL", "Netherlands", "Niederlande"}, 0.04, new String[][] {
      {"Amsterdam", "1012 AB"}, {"Rotterdam", "3011 AD"}, {"Utrecht", "3511 LN"}}, "+31"),
    new Country("FR", "Frankreich", new String[] {"FR", "France", "Frankreich"}, 0.03, new String[][] {
      {"Paris", "75001"}, {"Lyon", "69001"}, {"Strasbourg", "67000"}}, "+33"),
    new Country("GB", "Großbritannien", new String[] {"GB", "UK", "United Kingdom"}, 0.03, new String[][] {
      {"London", "SW1A 1AA"}, {"Manchester", "M1 1AE"}, {"Leeds", "LS1 4AP"}}, "+44"),
    new Country("US", "USA", new String[] {"US", "USA", "United States"}, 0.02, new String[][] {
      {"New York", "10001"}, {"Chicago", "60601"}, {"Seattle", "98101"}}, "+1"),
  };
  private static final double[] COUNTRY_SHARE;

  static {
    COUNTRY_SHARE = new double[COUNTRIES.length];
    for (int i = 0; i < COUNTRIES.length; i++) {
      COUNTRY_SHARE[i] = COUNTRIES[i].share();
    }
  }

  static final String[] PRIVATE_DOMAINS = {
    "gmx.de", "web.de", "t-online.de", "gmail.com", "outlook.com", "yahoo.de", "icloud.com", "posteo.de",
    "gmx.at", "bluewin.ch", "freenet.de", "mail.de"
  };
  static final String[] COMPANY_SUFFIX = {"GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.", "UG (haftungsbeschränkt)", "OHG"};
  static final String[] COMPANY_TRADE = {
    "Bürobedarf", "Gärtnerei", "Bäckerei", "Möbelhaus", "Elektro", "Sanitär", "Logistik", "Getränkehandel",
    "Praxis", "Architekten", "Holzbau", "Druckerei", "Café", "Fahrräder"
  };
  static final String[] AUTHORITY = {"Stadtverwaltung", "Landratsamt", "Bezirksamt", "Gemeinde", "Universität", "Finanzamt", "Amtsgericht"};

  static Country country(SplittableRandom rng) {
    return COUNTRIES[Sampling.weighted(rng, COUNTRY_SHARE)];
  }

  /** Lower-case ASCII for e-mail local parts and domains: ä -> ae, ß -> ss, accents dropped. */
  static String ascii(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      switch (c) {
        case 'ä' -> sb.append("ae");
        case 'ö' -> sb.append("oe");
        case 'ü' -> sb.append("ue");
        case 'ß' -> sb.append("ss");
        case 'é', 'è', 'ê', 'ë' -> sb.append('e');
        case 'â', 'à' -> sb.append('a');
        case 'ç' -> sb.append('c');
        case 'ş' -> sb.append('s');
        case 'î', 'ï' -> sb.append('i');
        case 'ô' -> sb.append('o');
        case ' ', '&', '(', ')', '.' -> { }
        default -> {
          if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  static String phone(SplittableRandom rng, Country c) {
    int area = 20 + rng.nextInt(880);
    int number = 100000 + rng.nextInt(8_900_000);
    return switch (rng.nextInt(4)) {
      case 0 -> c.phonePrefix() + " " + area + " " + number;
      case 1 -> "0" + area + "/" + number;
      case 2 -> c.phonePrefix() + " (0)" + area + " " + number;
      default -> c.phonePrefix() + area + number;
    };
  }
}
