package fr.maillage.agent.config;

import fr.maillage.agent.AgentConfig;
import fr.maillage.agent.session.FormConfig;

/**
 * What the configuration file holds: the agent's configuration and the session form's.
 *
 * @param agent everything the agent needs
 * @param form the local session form
 */
public record SiteConfiguration(AgentConfig agent, FormConfig form) {}
