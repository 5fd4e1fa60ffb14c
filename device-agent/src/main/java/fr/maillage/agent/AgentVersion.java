package fr.maillage.agent;

/** The agent's version as the birth announces it: the jar manifest's, or {@code dev} when run from classes. */
final class AgentVersion {

    private AgentVersion() {}

    static String current() {
        String version = SiteAgent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
