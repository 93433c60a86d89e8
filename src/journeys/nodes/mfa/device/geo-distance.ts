/**
 * The distance between two positions in kilometres, computed as AM's device nodes compute it
 * (the spherical law of cosines, via statute miles), so that a journey's `distance` settings mean
 * what they meant in AM.
 */
import type { GeoLocation } from './device-profile-state.ts';

const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Kilometres from `from` to `to`. */
export function geoDistanceKm(from: GeoLocation, to: GeoLocation): number {
  if (from.latitude === to.latitude && from.longitude === to.longitude) return 0;
  const cosine =
    Math.sin(radians(from.latitude)) * Math.sin(radians(to.latitude)) +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.cos(radians(from.longitude - to.longitude));
  // Rounding can push the cosine just past ±1, where acos has no value.
  const degrees = (Math.acos(Math.min(1, Math.max(-1, cosine))) * 180) / Math.PI;
  return degrees * 60 * 1.1515 * 1.609344;
}

/** A distance setting as AM exports it (`"10"`, `"2.5"`), in km; undefined when it is no such number. */
export function parseDistance(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
