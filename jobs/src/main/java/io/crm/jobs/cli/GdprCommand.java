package io.crm.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.jobs.gdpr.AccessReport;
import io.crm.jobs.gdpr.PseudonymMap;
import io.crm.jobs.gdpr.Erasure;
import io.crm.jobs.pipeline.JobContext;
import java.io.PrintWriter;
import io.crm.jobs.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm gdpr`: requests of data subjects (GDPR / DSGVO). */
@Command(
    name = "gdpr",
    mixinStandardHelpOptions = true,
    description = {
      "Data subject requests: `crm gdpr access` writes everything held about a person as JSON,",
      "`crm gdpr erase` removes a person from the workspace and keeps them out of later ingests,",
      "`crm gdpr pseudonyms` writes the map from pseudonymous customer keys back to customer ids."
    },
    subcommands = {GdprCommand.Access.class, GdprCommand.Erase.class, GdprCommand.Pseudonyms.class})
public final class GdprCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }

  /** How a request names the person: by e-mail address or by customer id. */
  static final class Person {
    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The person's e-mail address.")
    String email;

    @Option(names = "--customer-id", required = true, paramLabel = "ID", description = "The person's customer id (resolved or from a source).")
    String customerId;

    void check() {
      if (email != null && !email.contains("@")) {
        throw new UserException("--email '" + email + "' is not an e-mail address");
      }
      String given = email != null ? email : customerId;
      if (given.isBlank() || given.contains("\\")) {
        throw new UserException("'" + given + "' is not an e-mail address or customer id (blank, or with a backslash)");
      }
    }
  }

  @Command(
      name = "access",
      mixinStandardHelpOptions = true,
      description = {
        "Writes everything the workspace holds about one person to a JSON file (Art. 15 GDPR):",
        "their identities, the rows of every bronze, silver and gold table and snapshot naming them,",
        "quarantined lines containing them, and the exports that held their address. Reads only."
      })
  static final class Access implements Callable<Integer> {
    @Mixin HomeOptions home;
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Person person;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
    Path out;

    @Override
    public Integer call() {
      person.check();
      Workspace ws = home.workspace();
      if (!Files.isRegularFile(ws.duckdb())) {
        throw new UserException("no " + ws.duckdb() + " yet: run a job (e.g. `crm nightly` or `crm serve`) first");
      }
      AccessReport.Result r = new AccessReport(ws).run(person.email, person.customerId);
      String request = person.email != null ? "email " + person.email : "customer_id " + person.customerId;
      AccessReport.write(r, request, out);
      spec.commandLine().getOut().printf(Locale.ROOT, "gdpr access for %s: %,d rows in %d tables, %d exports -> %s%n",
          request, r.rows(), r.tables().size(), r.exports().size(), out.toAbsolutePath());
      if (r.subject().customerIds().isEmpty() && r.tables().isEmpty()) {
        spec.commandLine().getOut().println("  nobody with this identity is known to the workspace");
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "pseudonyms",
      mixinStandardHelpOptions = true,
      description = {
        "Writes customer_key,customer_id for every customer to a CSV file readable by its owner only:",
        "gold, cubes and crm.duckdb name customers by their pseudonymous key alone, and this file",
        "is the documented way back. Reads only."
      })
  static final class Pseudonyms implements Callable<Integer> {
    @Mixin HomeOptions home;
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write.")
    Path out;

    @Override
    public Integer call() {
      Workspace ws = home.workspace();
      ws.requireLocalWarehouse("crm gdpr pseudonyms");
      long n = PseudonymMap.write(ws, out);
      spec.commandLine().getOut().printf(Locale.ROOT, "gdpr pseudonyms: %,d customer keys -> %s (owner only)%n",
          n, out.toAbsolutePath());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "erase",
      mixinStandardHelpOptions = true,
      description = {
        "Removes one person from the workspace (Art. 17 GDPR): bronze, quarantine, silver, every gold snapshot,",
        "the cubes and crm.duckdb; silver and the last night's gold and cubes are rebuilt so every total",
        "reconciles, and superseded versions are deleted. Records tombstones (keyed hashes) so every later",
        "ingest drops the person's rows, lists the exports that held their address and writes an audit entry",
        "to _runs/gdpr.jsonl. Landing files are not touched. Takes the workspace lock."
      })
  static final class Erase implements Callable<Integer> {
    @Mixin HomeOptions home;
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Person person;

    @Option(names = "--json", description = "Print the audit entry as one JSON line instead of the summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      person.check();
      JobContext ctx = home.context(spec);
      // with --json, stdout carries the audit entry only; the rebuild's step output goes to stderr
      JobContext run = json ? new JobContext(ctx.workspace(), ctx.err(), ctx.err(), ctx.verbose(), ctx.progressBar()) : ctx;
      Erasure.Result r = new Erasure(run).run(person.email, person.customerId);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(r.audit()));
      } else {
        out.printf(Locale.ROOT, "%ngdpr erase: %d customer id%s, %d e-mail%s, %d cookie%s; %,d rows removed from %d tables;"
                + " %d tombstone%s added%n",
            r.customerIds(), r.customerIds() == 1 ? "" : "s", r.emails(), r.emails() == 1 ? "" : "s",
            r.cookies(), r.cookies() == 1 ? "" : "s", r.rows(), r.rowsRemoved().size(),
            r.tombstonesAdded(), r.tombstonesAdded() == 1 ? "" : "s");
        if (r.rows() == 0) {
          out.println("  nobody with this identity was found in the warehouse; the tombstones keep them out of later ingests");
        }
        if (r.exports().isEmpty()) {
          out.println("  no past export held the person's address");
        } else {
          out.printf(Locale.ROOT, "  %d past export%s held the person's address (tell the recipients):%n",
              r.exports().size(), r.exports().size() == 1 ? "" : "s");
          for (JsonNode e : r.exports()) {
            out.printf(Locale.ROOT, "    %s  %s  (%s rows, as of %s)%n", e.path("exported_at").asText(), e.path("file").asText(),
                e.path("rows").asText(), e.path("as_of").asText());
          }
        }
      }
      out.flush();
      return ExitCode.OK;
    }
  }
}
