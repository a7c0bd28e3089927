package io.crm.jobs.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.crm.jobs.cli.UserException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A standard five-field cron expression (minute hour day-of-month month day-of-week, as in
 * crontab(5)), parsed, validated and evaluated by cron-utils, and translated into systemd's
 * OnCalendar syntax.
 */
public final class CronSchedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final String[] DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

  private final String expression;
  private final Cron cron;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, Cron cron) {
    this.expression = expression;
    this.cron = cron;
    this.executionTime = ExecutionTime.forCron(cron);
  }

  /** Parses {@code expression}; a bad one is a one-line user error naming it and cron-utils' reason. */
  public static CronSchedule parse(String expression) {
    String text = expression == null ? "" : expression.strip();
    try {
      return new CronSchedule(text, PARSER.parse(text).validate());
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
      throw new UserException("bad cron expression '" + text + "': " + reason
          + " (5 fields: minute hour day-of-month month day-of-week)");
    }
  }

  public String expression() {
    return expression;
  }

  /** The schedule in English words, e.g. "at 02:15". */
  public String describe() {
    return CronDescriptor.instance(Locale.ENGLISH).describe(cron);
  }

  /** The first execution strictly after {@code after}, in its zone; empty if there is none. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    return executionTime.nextExecution(after);
  }

  /**
   * The same schedule as systemd OnCalendar values. cron runs a job when the day of month OR the
   * day of week matches if both are restricted, while one OnCalendar value needs both; a timer
   * with several OnCalendar lines fires on any of them, so that case yields two values.
   */
  public List<String> onCalendar() {
    String time = field(CronFieldName.HOUR, 0, 23) + ":" + field(CronFieldName.MINUTE, 0, 59) + ":00";
    String month = field(CronFieldName.MONTH, 1, 12);
    String dayOfMonth = field(CronFieldName.DAY_OF_MONTH, 1, 31);
    String dayOfWeek = daysOfWeek();
    if (!dayOfMonth.equals("*") && !dayOfWeek.isEmpty()) {
      return List.of("*-" + month + "-" + dayOfMonth + " " + time, dayOfWeek + " *-" + month + "-* " + time);
    }
    return List.of((dayOfWeek.isEmpty() ? "" : dayOfWeek + " ") + "*-" + month + "-" + dayOfMonth + " " + time);
  }

  /** A numeric field as systemd writes it: *, a start/step repetition, or values and a..b ranges. */
  private String field(CronFieldName name, int min, int max) {
    TreeSet<Integer> values = values(name, min, max);
    if (values.size() == max - min + 1) {
      return "*";
    }
    List<Integer> list = new ArrayList<>(values);
    if (list.size() >= 3) {
      int step = list.get(1) - list.get(0);
      boolean progression = step > 1 && list.get(list.size() - 1) + step > max;
      for (int i = 1; i < list.size() && progression; i++) {
        progression = list.get(i) - list.get(i - 1) == step;
      }
      if (progression) {
        return pad(list.get(0)) + "/" + step;
      }
    }
    List<String> parts = new ArrayList<>();
    for (int[] run : runs(list)) {
      parts.add(run[0] == run[1] ? pad(run[0]) : pad(run[0]) + ".." + pad(run[1]));
    }
    return String.join(",", parts);
  }

  /** Day names Monday first, with runs as Mon..Fri; empty when every day is allowed. */
  private String daysOfWeek() {
    TreeSet<Integer> mondayFirst = new TreeSet<>();
    for (int day : values(CronFieldName.DAY_OF_WEEK, 0, 7)) {
      mondayFirst.add((day + 6) % 7);
    }
    if (mondayFirst.size() == 7) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (int[] run : runs(new ArrayList<>(mondayFirst))) {
      String from = DAY_NAMES[(run[0] + 1) % 7];
      String to = DAY_NAMES[(run[1] + 1) % 7];
      parts.add(run[0] == run[1] ? from : from + ".." + to);
    }
    return String.join(",", parts);
  }

  private TreeSet<Integer> values(CronFieldName name, int min, int max) {
    TreeSet<Integer> out = new TreeSet<>();
    collect(cron.retrieve(name).getExpression(), min, max, out);
    return out;
  }

  /** The values a field expression selects; cron-utils has already mapped names to numbers. */
  private void collect(FieldExpression e, int min, int max, TreeSet<Integer> out) {
    if (e instanceof Always) {
      addRange(out, min, max, 1);
    } else if (e instanceof On on) {
      out.add(on.getTime().getValue());
    } else if (e instanceof Between between) {
      addRange(out, number(between.getFrom().getValue()), number(between.getTo().getValue()), 1);
    } else if (e instanceof Every every) {
      int step = every.getPeriod().getValue();
      FieldExpression base = every.getExpression();
      if (base instanceof Between between) {
        addRange(out, number(between.getFrom().getValue()), number(between.getTo().getValue()), step);
      } else if (base instanceof On on) {
        addRange(out, on.getTime().getValue(), max, step);
      } else {
        addRange(out, min, max, step);
      }
    } else if (e instanceof And and) {
      for (FieldExpression part : and.getExpressions()) {
        collect(part, min, max, out);
      }
    } else {
      throw new UserException("cron expression '" + expression + "': cannot translate '" + e.asString() + "' for systemd");
    }
  }

  private static void addRange(TreeSet<Integer> out, int from, int to, int step) {
    for (int v = from; v <= to; v += step) {
      out.add(v);
    }
  }

  private static int number(Object value) {
    if (value instanceof Integer i) {
      return i;
    }
    throw new IllegalStateException("unexpected cron field value " + value);
  }

  /** Sorted values cut into runs of consecutive numbers, each as {first, last}. */
  private static List<int[]> runs(List<Integer> sorted) {
    List<int[]> out = new ArrayList<>();
    for (int v : sorted) {
      int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last[1] == v - 1) {
        last[1] = v;
      } else {
        out.add(new int[] {v, v});
      }
    }
    return out;
  }

  private static String pad(int v) {
    return String.format(Locale.ROOT, "%02d", v);
  }
}
