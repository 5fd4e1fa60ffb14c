package fr.maillage.agent.simulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How busy the virtual sites are: the mean number of sessions of a site per open day ({@code 4/day}) or per
 * opening hour ({@code 0.5/h}), over the whole fleet. Kinds keep their proportions (an MSP sees three times
 * what a France services point does) and each site draws its own factor between 0.5 and 1.5 around them.
 *
 * @param amount sessions per {@code unit}, at least 0
 * @param unit a day the site is open, or an hour it is open
 */
public record SessionRate(double amount, Unit unit) {

    /** What the simulator used before the rate could be chosen, about four sessions a day. */
    public static final SessionRate DEFAULT = new SessionRate(3.75, Unit.DAY);

    private static final Pattern TEXT =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*/\\s*(d|day|j|jour|h|hour|heure)\\s*");

    /** A site's open day can hold about 20 sessions of 10–30 minutes; far beyond, the rate means nothing. */
    private static final double MAX_PER_HOUR = 60;

    public enum Unit {
        DAY,
        HOUR
    }

    public SessionRate {
        if (unit == null) {
            throw new IllegalArgumentException("rate unit is required (/day or /h)");
        }
        double perHour = unit == Unit.HOUR ? amount : amount / 24;
        if (!(amount >= 0) || perHour > MAX_PER_HOUR) {
            throw new IllegalArgumentException(
                    "rate must be between 0 and " + (int) MAX_PER_HOUR + " sessions an hour, was " + amount + "/" + unit);
        }
    }

    /** Reads {@code 4/day}, {@code 4/d}, {@code 0.5/h}, {@code 0.5/hour} (also {@code /jour}, {@code /heure}). */
    public static SessionRate parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "rate must look like 4/day (sessions per site per open day) or 0.5/h (per opening hour), was "
                            + text);
        }
        Unit unit = m.group(2).startsWith("h") ? Unit.HOUR : Unit.DAY;
        return new SessionRate(Double.parseDouble(m.group(1)), unit);
    }

    /** The mean per open day, given how many hours a site of the fleet is open on average. */
    double perOpenDay(double meanOpenHours) {
        return unit == Unit.DAY ? amount : amount * meanOpenHours;
    }

    @Override
    public String toString() {
        return amount + (unit == Unit.DAY ? "/day" : "/h");
    }
}
