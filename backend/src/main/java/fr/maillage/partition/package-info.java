/**
 * Monthly partitions of the time-series tables ({@code encounter}, {@code site_state_interval}): created ahead of
 * the rows that need them, and dropped whole by retention. See README.md.
 */
package fr.maillage.partition;
