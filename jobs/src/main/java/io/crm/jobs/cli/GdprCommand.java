package io.crm.jobs.cli;

import io.crm.jobs.gdpr.AccessReport;
import io.crm.jobs.gdpr.PseudonymMap;
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
      "Data subject requests: `crm gdpr access` writes everything held about a person as JSON;",
      "`crm gdpr pseudonyms` writes the map from pseudonymous customer keys back to customer ids."
    },
    subcommands = {GdprCommand.Access.class, GdprCommand.Pseudonyms.class})
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
      if (person.email != null && !person.email.contains("@")) {
        throw new UserException("--email '" + person.email + "' is not an e-mail address");
      }
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
}
