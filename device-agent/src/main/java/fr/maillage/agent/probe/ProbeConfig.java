package fr.maillage.agent.probe;

/**
 * The configuration of one probe, which knows how to build it. The configuration file yields the records of
 * this package; the simulator supplies its own virtual peripherals the same way.
 */
@FunctionalInterface
public interface ProbeConfig {

    Probe create();
}
