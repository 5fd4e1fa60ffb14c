package fr.maillage.agent.probe;

import fr.maillage.contract.ProbeReading;

/**
 * Looks at one thing at the site and says how it is. Implementations never throw for what they find: a
 * missing device or a failing check is a reading, not an error.
 */
public interface Probe {

    ProbeReading read();
}
