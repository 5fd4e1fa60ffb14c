package fr.maillage.agent.simulator;

import fr.maillage.agent.SiteAgent;
import fr.maillage.contract.Health;
import fr.maillage.contract.SessionDetails.ProfessionalRole;
import fr.maillage.contract.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated site: a real {@link SiteAgent} plus the agenda of what happens there. Each simulated day is
 * planned from a random stream seeded by the fleet seed, the site and the date, so a run repeats whatever
 * the speed or the machine.
 */
final class VirtualSite {

    private static final Logger log = LoggerFactory.getLogger(VirtualSite.class);
    private static final double CANCELLED_SHARE = 0.05;
    private static final double PERIPHERAL_FAILURE_PER_DAY = 0.01;
    private static final double LINK_OUTAGE_PER_DAY = 0.03;
    private static final long GAP_MINUTES = 5;

    private final SitePlan plan;
    private final SiteAgent agent;
    private final List<VirtualPeripheral> peripherals;
    private final SessionModel sessions;
    private final SimulatedClock clock;
    private final ZoneId zone;
    private final long seed;
    private final OpeningHours hours;
    private final PriorityQueue<Action> agenda = new PriorityQueue<>(Comparator.comparing(Action::at));
    private LocalDate plannedUntil;

    VirtualSite(
            SitePlan plan,
            SiteAgent agent,
            List<VirtualPeripheral> peripherals,
            SessionModel sessions,
            SimulatedClock clock,
            long seed) {
        this.plan = plan;
        this.agent = agent;
        this.peripherals = List.copyOf(peripherals);
        this.sessions = sessions;
        this.clock = clock;
        this.zone = clock.getZone();
        this.seed = seed;
        this.hours = OpeningHours.of(plan.descriptor().kind());
        this.plannedUntil = LocalDate.ofInstant(clock.instant(), zone).minusDays(1);
    }

    String siteId() {
        return plan.siteId();
    }

    SiteAgent agent() {
        return agent;
    }

    /** Plans the days up to {@code now} and runs every action due by then. */
    void advance(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        while (plannedUntil.isBefore(today)) {
            plannedUntil = plannedUntil.plusDays(1);
            planDay(plannedUntil, now);
        }
        while (!agenda.isEmpty() && !agenda.peek().at().isAfter(now)) {
            Action action = agenda.poll();
            try {
                action.run().run();
            } catch (RuntimeException e) {
                log.error("simulated action failed [site: {}, at: {}]", plan.siteId(), action.at(), e);
            }
        }
    }

    private void planDay(LocalDate day, Instant now) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L ^ plan.index() * 7_919L ^ day.toEpochDay());
        if (hours.openOn(day.getDayOfWeek())) {
            planSessions(day, now, random);
        }
        for (VirtualPeripheral peripheral : peripherals) {
            if (random.nextDouble() < PERIPHERAL_FAILURE_PER_DAY) {
                Instant failsAt = day.atStartOfDay(zone).toInstant().plusSeconds(random.nextLong(86_400));
                Duration lasts = Duration.ofMinutes(60 + random.nextLong(9 * 60));
                boolean down = random.nextBoolean();
                add(failsAt, now, () -> peripheral.set(
                        down ? Health.DOWN : Health.DEGRADED, down ? "not detected" : "intermittent readings"));
                add(failsAt.plus(lasts), now, () -> peripheral.set(Health.OK, "connected"));
            }
        }
        if (random.nextDouble() < LINK_OUTAGE_PER_DAY) {
            Instant cutAt = day.atStartOfDay(zone).toInstant().plusSeconds(random.nextLong(86_400));
            Duration lasts = Duration.ofMinutes(5 + random.nextLong(85));
            add(cutAt, now, () -> agent.interruptLink(clock.real(lasts)));
        }
    }

    private void planSessions(LocalDate day, Instant now, SplittableRandom random) {
        int count = poisson(plan.sessionsPerDay(), random);
        long open = hours.minutesPerDay();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(random.nextLong(Math.max(1, open - 30)));
        }
        starts.sort(null);
        long freeFrom = 0;
        for (long minute : starts) {
            long start = Math.max(minute, freeFrom);
            long minutes = 10 + random.nextLong(21);
            if (start + minutes > open) {
                break;
            }
            freeFrom = start + minutes + GAP_MINUTES;
            Instant startedAt = day.atTime(hours.atOpenMinute(start)).atZone(zone).toInstant();
            Instant endedAt = startedAt.plus(Duration.ofMinutes(minutes));
            if (startedAt.isBefore(now)) {
                continue;
            }
            UUID sessionId = randomUuid(random);
            ProfessionalRole professional = sessions.professional(random);
            boolean cancelled = random.nextDouble() < CANCELLED_SHARE;
            SplittableRandom details = random.split();
            add(startedAt, now, () -> agent.record(
                    SessionEvent.Type.STARTED, sessionId, sessions.started(startedAt, professional)));
            if (cancelled) {
                Instant cancelledAt = startedAt.plus(Duration.ofMinutes(2 + details.nextLong(8)));
                add(cancelledAt, now, () -> agent.record(
                        SessionEvent.Type.CANCELLED, sessionId, sessions.cancelled(startedAt, cancelledAt, professional)));
            } else {
                add(endedAt, now, () -> agent.record(
                        SessionEvent.Type.COMPLETED, sessionId, sessions.completed(startedAt, endedAt, professional, details)));
            }
        }
    }

    /** Keeps what is still to come; what a day's plan puts before the simulation's start did not happen. */
    private void add(Instant at, Instant now, Runnable run) {
        if (!at.isBefore(now)) {
            agenda.add(new Action(at, run));
        }
    }

    /** A version-4 UUID drawn from the seeded stream, so that session ids repeat with the run. */
    private static UUID randomUuid(SplittableRandom random) {
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private record Action(Instant at, Runnable run) {}
}
