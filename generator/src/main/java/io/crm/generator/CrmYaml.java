package io.crm.generator;

/** The crm.yaml of a generated workspace: one entry per landing source, mapped to its files. */
final class CrmYaml {
  private CrmYaml() {}

  static String text(GeneratorSettings s) {
    return """
        # Written by `crm generate` (customers: %d, days: %d, seed: %d, start: %s).
        # landing/_truth.json holds the true parameters and the dirty-row counts of these files.
        timezone: Europe/Berlin
        currency: EUR
        sources:
          transactions:
            kind: transactions
            format: csv
            path: landing/transactions/*.csv.gz
            # the shop's dirty rows without customer id and e-mail are errors, not anonymous sales
            require_customer: true
            dialect:
              delimiter: ","
              quote: '"'
              encoding: UTF-8
              decimal: "."
              header: true
              timestamp_format: "yyyy-MM-dd'T'HH:mm:ssXXX"
              date_format: yyyy-MM-dd
              timezone: Europe/Berlin
            columns:
              order_id: order_id
              order_ts: order_ts
              customer_id: customer_id
              email: email
              sku: sku
              product_name: product_name
              category: category
              quantity: quantity
              unit_price: unit_price
              discount: discount
              amount: amount
              currency: currency
              channel: channel
              country: country
              status: status
            defaults:
              currency: EUR
            status:
              completed: [delivered, shipped]
              cancelled: [cancelled]
              returned: [returned]
          web_logs:
            kind: web_logs
            format: log
            path: landing/web_logs/*.log.gz
            log_format: combined
            trailing_fields: [cookie_id]
            bot_agents: [bot, crawl, spider, slurp, facebookexternalhit, python-requests, curl, wget, headlesschrome]
          web_events:
            kind: web_events
            format: jsonl
            path: landing/web_events/*.jsonl.gz
            bot_agents: [bot, crawl, spider, slurp, facebookexternalhit, python-requests, curl, wget, headlesschrome]
          contacts:
            kind: contacts
            format: csv
            path: landing/contacts/*.csv
            dialect:
              delimiter: ","
              quote: '"'
              encoding: UTF-8
              decimal: "."
              header: true
              timestamp_format: "yyyy-MM-dd HH:mm:ss"
              date_format: yyyy-MM-dd
              timezone: UTC
            columns:
              contact_id: id
              customer_id: customer_number
              email: email
              first_name: first_name
              last_name: last_name
              company: company
              customer_type: type
              street: street
              postal_code: zip
              city: city
              country: country
              phone: phone
              newsletter_opt_in: newsletter
              opt_in_ts: opt_in_at
              created_ts: created_at
              updated_ts: updated_at
              acquisition_source: source
          contacts_de:
            kind: contacts
            format: csv
            path: landing/contacts_de/*.csv
            dialect:
              delimiter: ";"
              quote: '"'
              encoding: windows-1252
              decimal: ","
              header: true
              timestamp_format: "dd.MM.yyyy HH:mm"
              date_format: dd.MM.yyyy
              timezone: Europe/Berlin
            columns:
              contact_id: Kontakt-Nr
              customer_id: Kundennummer
              email: E-Mail
              first_name: Vorname
              last_name: Nachname
              company: Firma
              customer_type: Kundenart
              street: Straße
              postal_code: PLZ
              city: Ort
              country: Land
              phone: Telefon
              newsletter_opt_in: Newsletter
              opt_in_ts: Einwilligung am
              created_ts: Angelegt am
              updated_ts: Geändert am
              acquisition_source: Quelle
          surveys:
            kind: surveys
            format: csv
            path: landing/surveys/*.csv
            dialect:
              delimiter: ","
              quote: '"'
              encoding: UTF-8
              decimal: "."
              header: true
              timestamp_format: "yyyy-MM-dd HH:mm"
              date_format: yyyy-MM-dd
              timezone: Europe/Berlin
            columns:
              response_id: response_id
              customer_id: customer_id
              email: email
              ts: submitted_at
              touchpoint: touchpoint
              csat: csat
              nps: nps
              comment: comment
        """.formatted(s.customers(), s.days(), s.seed(), s.start());
  }
}
