/**
 * The fleet: sites and their devices as births, Wills and status snapshots tell, their recorded state
 * ({@code fleet.state}), availability within opening hours ({@code fleet.availability}), incidents from
 * per-territory rules ({@code fleet.incident}) and their notifications ({@code fleet.alert}). See README.md.
 */
package fr.maillage.fleet;
