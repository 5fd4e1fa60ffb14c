package fr.maillage.agent.simulator;

import fr.maillage.agent.commune.Commune;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.SiteDescriptor;
import java.util.List;

/**
 * A virtual site as placed by {@link SitePlanner}.
 *
 * @param index its rank in the fleet, which seeds its own random streams
 * @param siteId its id, e.g. {@code 55029-cabin-1}
 * @param descriptor what its birth says
 * @param commune where it stands
 * @param peripherals its medical peripherals
 * @param sessionsPerDay mean number of sessions on an open day
 */
record SitePlan(
        int index,
        String siteId,
        SiteDescriptor descriptor,
        Commune commune,
        List<DeviceKind> peripherals,
        double sessionsPerDay) {}
