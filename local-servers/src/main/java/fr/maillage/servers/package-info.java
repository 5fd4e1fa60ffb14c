/**
 * Real servers for the demo and the tests, chosen in one order everywhere: the servers named by
 * {@link fr.maillage.servers.ServerSettings} (environment variables), else containers when a Docker engine
 * answers, else embedded ones started in this process. Nothing here is a fake: each is a real PostgreSQL and
 * a real MQTT v5 broker.
 */
package fr.maillage.servers;
